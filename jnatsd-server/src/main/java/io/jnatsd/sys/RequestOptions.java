package io.jnatsd.sys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.jnatsd.protocol.GoJson;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON body of a {@code $SYS.REQ.SERVER.*} request: nats-server's option structs, each with
 * the event filter embedded ({@code server_name}, {@code cluster}, {@code host} match as
 * substrings; {@code tags} must all be the server's; {@code domain} never matches, as jnatsd has
 * no JetStream domain). The endpoint options are turned into the HTTP query that means the same,
 * so the monitoring documents decode them with one set of rules.
 */
final class RequestOptions {
    private final JsonNode body;

    private RequestOptions(JsonNode body) {
        this.body = body;
    }

    /** Decodes a body; an empty body means no options. */
    static RequestOptions parse(byte[] body) throws InvalidOptionsException {
        if (isBlank(body)) {
            return new RequestOptions(MissingNode.getInstance());
        }
        try {
            JsonNode node = GoJson.compact().readTree(body);
            if (node == null || node.isNull()) {
                return new RequestOptions(MissingNode.getInstance());
            }
            if (!node.isObject()) {
                throw new InvalidOptionsException("json: cannot unmarshal " + goType(node) + " into options");
            }
            return new RequestOptions(node);
        } catch (JsonProcessingException e) {
            throw new InvalidOptionsException(e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidOptionsException(e.getMessage());
        }
    }

    /** Whether this server is one the request's filter selects: every tag it names must be the server's. */
    boolean selects(String serverName, String cluster, String host, List<String> tags) {
        for (JsonNode tag : body.path("tags")) {
            if (!tags.contains(tag.asText().strip().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return contains(serverName, text("server_name")) && contains(cluster, text("cluster"))
                && contains(host, text("host")) && text("domain").isEmpty();
    }

    /** {@code accounts} of nats-server's AccountStatzOptions: the accounts to report (empty: all). */
    List<String> accounts() {
        List<String> accounts = new java.util.ArrayList<>();
        body.path("accounts").forEach(account -> accounts.add(account.asText()));
        return accounts;
    }

    /** {@code include_unused} of AccountStatzOptions: accounts without connections too. */
    boolean includeUnused() {
        return body.path("include_unused").asBoolean(false);
    }

    Map<String, String> connzQuery() throws InvalidOptionsException {
        Map<String, String> query = new HashMap<>();
        copy(query, "sort", "sort");
        copy(query, "auth", "auth");
        subscriptions(query);
        copy(query, "offset", "offset");
        copy(query, "limit", "limit");
        copy(query, "cid", "cid");
        copy(query, "user", "user");
        copy(query, "acc", "acc");
        JsonNode state = body.path("state");
        if (!state.isMissingNode() && !state.isNull()) {
            if (!state.canConvertToInt()) {
                throw new InvalidOptionsException("json: cannot unmarshal " + goType(state) + " into state");
            }
            query.put("state", switch (state.asInt()) {
                case 1 -> "closed";
                case 2 -> "any";
                default -> "open";
            });
        }
        return query;
    }

    Map<String, String> routezQuery() throws InvalidOptionsException {
        Map<String, String> query = new HashMap<>();
        subscriptions(query);
        return query;
    }

    /** nats-server's GatewayzOptions: {@code name}, {@code accounts}, {@code account_name}, subscriptions. */
    Map<String, String> gatewayzQuery() throws InvalidOptionsException {
        Map<String, String> query = new HashMap<>();
        copy(query, "name", "gw_name");
        copy(query, "accounts", "accs");
        copy(query, "account_name", "acc_name");
        subscriptions(query);
        return query;
    }

    /**
     * nats-server's LeafzOptions: {@code subscriptions} (a bool), {@code account} (a string); a value
     * of another JSON type is refused with Go's decoding error, as 2.10.27 answers it.
     */
    Map<String, String> leafzQuery() throws InvalidOptionsException {
        typed("subscriptions", JsonNodeType.BOOLEAN, "LeafzEventOptions.LeafzOptions.subscriptions of type bool");
        typed("account", JsonNodeType.STRING, "LeafzEventOptions.LeafzOptions.account of type string");
        Map<String, String> query = new HashMap<>();
        copy(query, "subscriptions", "subs");
        copy(query, "account", "acc");
        return query;
    }

    private void typed(String field, JsonNodeType type, String goField) throws InvalidOptionsException {
        JsonNode value = body.path(field);
        if (!value.isMissingNode() && !value.isNull() && value.getNodeType() != type) {
            String kind = value.isNumber() ? "number" : goType(value);
            throw new InvalidOptionsException("json: cannot unmarshal " + kind + " into Go struct field " + goField);
        }
    }

    Map<String, String> subszQuery() throws InvalidOptionsException {
        Map<String, String> query = new HashMap<>();
        copy(query, "subscriptions", "subs");
        copy(query, "account", "acc");
        copy(query, "test", "test");
        copy(query, "offset", "offset");
        copy(query, "limit", "limit");
        return query;
    }

    /** {@code subscriptions_detail} wins over {@code subscriptions}, as the HTTP {@code subs=detail}. */
    private void subscriptions(Map<String, String> query) throws InvalidOptionsException {
        copy(query, "subscriptions", "subs");
        if (body.path("subscriptions_detail").asBoolean(false)) {
            query.put("subs", "detail");
        }
    }

    private void copy(Map<String, String> query, String field, String parameter) throws InvalidOptionsException {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return;
        }
        if (!value.isValueNode()) {
            throw new InvalidOptionsException("json: cannot unmarshal " + goType(value) + " into " + field);
        }
        query.put(parameter, value.asText());
    }

    private String text(String field) {
        JsonNode value = body.path(field);
        return value.isTextual() ? value.asText() : "";
    }

    private static boolean contains(String actual, String wanted) {
        return wanted.isEmpty() || (actual != null && actual.contains(wanted));
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String goType(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING -> "string";
            case BOOLEAN -> "bool";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    /** A body that is not the JSON object the request takes: answered with error code 400. */
    static final class InvalidOptionsException extends Exception {
        InvalidOptionsException(String message) {
            super(message, null, false, false);
        }
    }
}
