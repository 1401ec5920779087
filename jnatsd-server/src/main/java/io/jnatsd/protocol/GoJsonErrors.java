package io.jnatsd.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-line text Go's encoding/json gives for JSON that a struct cannot take, made from
 * Jackson's exception, so that a bad CONNECT or INFO is logged as nats-server logs it (e.g.
 * {@code json: cannot unmarshal number into Go struct field ClientOpts.version of type string},
 * {@code invalid character 'b' looking for beginning of object key string}). Jackson's own
 * messages span lines and name Java classes; none of that reaches the log.
 */
public final class GoJsonErrors {
    private static final Pattern FROM_TOKEN = Pattern.compile("token `JsonToken\\.(\\w+)`");
    private static final Pattern COERCED = Pattern.compile("^Cannot coerce (\\S+) value \\(([^)]*)\\)");

    private GoJsonErrors() {
    }

    /**
     * @param e what Jackson threw for {@code json}
     * @param goStruct the name of nats-server's struct for this JSON ({@code ClientOpts}, {@code Info})
     */
    public static String describe(IOException e, String json, String goStruct) {
        // Go checks the whole input's syntax before it fills any field.
        String syntax = GoJsonSyntax.check(json);
        if (syntax != null) {
            return syntax;
        }
        if (e instanceof MismatchedInputException mismatch) {
            return mismatch(mismatch, goStruct);
        }
        String message = e instanceof JsonProcessingException processing ? processing.getOriginalMessage() : e.getMessage();
        return message == null ? "invalid JSON" : firstLine(message);
    }

    private static String mismatch(MismatchedInputException e, String goStruct) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String kind = jsonKind(message);
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty() || path.get(path.size() - 1).getFieldName() == null) {
            return "json: cannot unmarshal " + kind + " into Go value of type server." + goStruct;
        }
        String field = path.get(path.size() - 1).getFieldName();
        return "json: cannot unmarshal " + kind + " into Go struct field " + goStruct + "." + field
                + " of type " + goType(e.getTargetType());
    }

    /** The JSON type Go names: from the token Jackson's message quotes. */
    private static String jsonKind(String message) {
        Matcher coerced = COERCED.matcher(message);
        if (coerced.find()) {
            switch (coerced.group(1)) {
                case "Floating-point":
                    // Go names a number that an integer field cannot take.
                    return "number " + coerced.group(2);
                case "Integer":
                    return "number";
                case "Boolean":
                    return "bool";
                default:
                    return "string";
            }
        }
        Matcher token = FROM_TOKEN.matcher(message);
        String name = token.find() ? token.group(1) : "";
        switch (name) {
            case "VALUE_STRING":
                return "string";
            case "VALUE_TRUE":
            case "VALUE_FALSE":
                return "bool";
            case "START_ARRAY":
                return "array";
            case "START_OBJECT":
                return "object";
            case "VALUE_NUMBER_INT":
            case "VALUE_NUMBER_FLOAT":
                return "number";
            default:
                return "value";
        }
    }

    private static String goType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "bool";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "int";
        }
        if (List.class.isAssignableFrom(type)) {
            return "[]string";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "server.SubjectPermission";
        }
        return type.getSimpleName();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
