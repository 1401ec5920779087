package io.jnatsd.protocol.route;

import io.jnatsd.protocol.PlainJson;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jnatsd.protocol.GoEscapes;
import io.jnatsd.protocol.GoJsonErrors;
import io.jnatsd.protocol.ProtocolException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Route INFO and CONNECT JSON, field by field: what servers send through {@link PlainJsonReader}
 * and {@link PlainJsonWriter} (a cold server reads and writes hundreds of these while a cluster
 * starts), anything else through jackson-core's streaming parser and generator, which also words
 * every error. No object mapper: building one and introspecting the classes cost a fresh server
 * hundreds of milliseconds on its first route handshake, on the event loop, while its peers
 * waited. Values must have the JSON type Go's decoder expects (a string where a string is
 * declared ...), unknown fields are skipped, and strings are written with Go's escaping of
 * {@code <}, {@code >} and {@code &}.
 */
final class RouteJson {
    private static final JsonFactory FACTORY = new JsonFactory().setCharacterEscapes(new GoEscapes());

    private RouteJson() {
    }

    /**
     * Reads one JSON object, handing each field to {@code field} positioned on its value; errors
     * are worded as Go's decoder words them for nats-server's struct {@code goStruct}.
     */
    static void readObject(String json, String goStruct, FieldReader field) throws ProtocolException {
        if (!PlainJsonReader.read(json, field)) {
            readWithJackson(json, goStruct, field);
        }
    }

    /** {@link #readObject} through jackson-core alone; errors are worded as Go's decoder words them. */
    static void readWithJackson(String json, String goStruct, FieldReader field) throws ProtocolException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException(null, "json: cannot unmarshal " + goKind(parser.currentToken())
                        + " into Go value of type server." + goStruct);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!field.read(name, new JacksonValue(parser))) {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new ProtocolException(null, GoJsonErrors.describe(new IOException("invalid JSON"), json, goStruct));
            }
        } catch (FieldTypeMismatch e) {
            throw new ProtocolException(null, "json: cannot unmarshal " + e.jsonKind + " into Go struct field "
                    + goStruct + "." + e.field + " of type " + e.goType);
        } catch (IOException e) {
            throw new ProtocolException(null, GoJsonErrors.describe(e, json, goStruct));
        }
    }

    /** Handles one field; false when the field is unknown (it is skipped). */
    interface FieldReader {
        boolean read(String name, FieldValue value) throws IOException;
    }

    /** The value the parser is positioned on. */
    private record JacksonValue(JsonParser parser) implements FieldValue {
        @Override
        public String string() throws IOException {
            return RouteJson.string(parser);
        }

        @Override
        public boolean bool() throws IOException {
            return RouteJson.bool(parser);
        }

        @Override
        public long number() throws IOException {
            return RouteJson.number(parser);
        }

        @Override
        public List<String> strings() throws IOException {
            return RouteJson.strings(parser);
        }

        @Override
        public Map<String, List<String>> permissions() throws IOException {
            return RouteJson.permissions(parser);
        }
    }

    private static String string(JsonParser value) throws IOException {
        if (value.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value, JsonToken.VALUE_STRING);
        return value.getText();
    }

    private static boolean bool(JsonParser value) throws IOException {
        if (value.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        if (value.currentToken() != JsonToken.VALUE_TRUE && value.currentToken() != JsonToken.VALUE_FALSE) {
            throw mismatch(value, "bool");
        }
        return value.getBooleanValue();
    }

    private static long number(JsonParser value) throws IOException {
        if (value.currentToken() == JsonToken.VALUE_NULL) {
            return 0;
        }
        expect(value, JsonToken.VALUE_NUMBER_INT);
        return value.getLongValue();
    }

    private static List<String> strings(JsonParser value) throws IOException {
        if (value.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value, JsonToken.START_ARRAY);
        List<String> strings = new ArrayList<>();
        while (value.nextToken() != JsonToken.END_ARRAY) {
            expect(value, JsonToken.VALUE_STRING);
            strings.add(value.getText());
        }
        return strings;
    }

    private static Map<String, List<String>> permissions(JsonParser value) throws IOException {
        if (value.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value, JsonToken.START_OBJECT);
        Map<String, List<String>> permissions = new LinkedHashMap<>();
        while (value.nextToken() == JsonToken.FIELD_NAME) {
            String name = value.currentName();
            value.nextToken();
            permissions.put(name, strings(value));
        }
        return permissions;
    }

    private static void expect(JsonParser value, JsonToken token) throws IOException {
        if (value.currentToken() != token) {
            throw mismatch(value, switch (token) {
                case VALUE_STRING -> "string";
                case VALUE_NUMBER_INT -> "int";
                case START_ARRAY -> "[]string";
                default -> "server.SubjectPermission";
            });
        }
    }

    private static IOException mismatch(JsonParser value, String goType) throws IOException {
        return new FieldTypeMismatch(value.currentName(), goKind(value.currentToken()), goType);
    }

    /** Go's word for a JSON value's kind in its unmarshal errors. */
    private static String goKind(JsonToken token) {
        if (token == null) {
            return "null";
        }
        return switch (token) {
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "bool";
            case START_ARRAY -> "array";
            case START_OBJECT -> "object";
            default -> "null";
        };
    }

    /** A value of the wrong JSON type for its field, as Go's decoder refuses it. */
    private static final class FieldTypeMismatch extends IOException {
        final String field;
        final String jsonKind;
        final String goType;

        FieldTypeMismatch(String field, String jsonKind, String goType) {
            super(field + ": " + jsonKind + " for " + goType);
            this.field = field;
            this.jsonKind = jsonKind;
            this.goType = goType;
        }
    }

    /**
     * Writes one JSON object with the fields {@code fields} writes: as plain text when every
     * string is printable ASCII ({@link PlainJsonWriter}), else through jackson-core.
     */
    static String writeObject(FieldWriter fields) {
        PlainJsonWriter plain = new PlainJsonWriter();
        try {
            fields.write(plain);
            return plain.finish();
        } catch (PlainJson.NotPlain | IOException e) {
            return writeWithJackson(fields);
        }
    }

    /** {@link #writeObject} through jackson-core's generator, with Go's escaping. */
    static String writeWithJackson(FieldWriter fields) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            fields.write(new GeneratorSink(generator));
            generator.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing route JSON", e);
        }
        return out.toString();
    }

    interface FieldWriter {
        void write(FieldSink out) throws IOException;
    }

    private record GeneratorSink(JsonGenerator generator) implements FieldSink {
        @Override
        public void string(String name, String value) throws IOException {
            generator.writeStringField(name, value);
        }

        @Override
        public void number(String name, long value) throws IOException {
            generator.writeNumberField(name, value);
        }

        @Override
        public void bool(String name, boolean value) throws IOException {
            generator.writeBooleanField(name, value);
        }

        @Override
        public void strings(String name, List<String> values) throws IOException {
            generator.writeArrayFieldStart(name);
            for (String value : values) {
                generator.writeString(value);
            }
            generator.writeEndArray();
        }

        @Override
        public void permissions(String name, Map<String, List<String>> permissions) throws IOException {
            generator.writeObjectFieldStart(name);
            for (Map.Entry<String, List<String>> entry : permissions.entrySet()) {
                if (entry.getValue() == null) {
                    generator.writeNullField(entry.getKey());
                } else {
                    strings(entry.getKey(), entry.getValue());
                }
            }
            generator.writeEndObject();
        }
    }
}
