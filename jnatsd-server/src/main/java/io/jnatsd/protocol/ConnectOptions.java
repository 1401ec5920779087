package io.jnatsd.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A client's CONNECT. Missing fields take nats-server's defaults: verbose, pedantic and echo
 * are true (CLIENT.md §4), which is also what a client that never sends CONNECT gets.
 */
public final class ConnectOptions {
    public static final ConnectOptions DEFAULTS = new ConnectOptions();

    @JsonProperty("verbose") public boolean verbose = true;
    @JsonProperty("pedantic") public boolean pedantic = true;
    @JsonProperty("echo") public boolean echo = true;
    @JsonProperty("headers") public boolean headers;
    @JsonProperty("no_responders") public boolean noResponders;
    @JsonProperty("tls_required") public boolean tlsRequired;
    /** Go's int: 64 bits, so a huge value is an invalid protocol, not a JSON error. */
    @JsonProperty("protocol") public long protocol;
    @JsonProperty("name") public String name;
    @JsonProperty("lang") public String lang;
    @JsonProperty("version") public String version;
    @JsonProperty("user") public String user;
    @JsonProperty("pass") public String pass;
    @JsonProperty("auth_token") public String authToken;
    @JsonProperty("nkey") public String nkey;
    @JsonProperty("sig") public String sig;
    @JsonProperty("jwt") public String jwt;
    @JsonProperty("account") public String account;
    @JsonProperty("new_account") public Boolean newAccount;

    public static ConnectOptions parse(String json) throws ProtocolException {
        ConnectOptions plain = ConnectJson.read(json);
        return plain != null ? plain : parseWithMapper(json);
    }

    /** Everything {@link ConnectJson} leaves to the mapper: other shapes, and every error. */
    static ConnectOptions parseWithMapper(String json) throws ProtocolException {
        try {
            ConnectOptions options = Reader.READER.readValue(json);
            return options == null ? new ConnectOptions() : options;
        } catch (java.io.IOException e) {
            throw new ProtocolException(null, GoJsonErrors.describe(e, json, "ClientOpts"));
        }
    }

    /**
     * Reads CONNECT JSON the way Go's encoding/json fills a struct: field names match in any case,
     * a null leaves the default, no type coercion (a string is not a bool, 1.5 is not an int, and
     * neither a number nor a bool is a string), and nothing may follow the JSON value. A bare {@code null} is an empty CONNECT.
     *
     * <p>A holder class: most CONNECTs are read by {@link ConnectJson}, so the mapper (which
     * takes longer to start than all the rest of a fresh server's first connection,
     * docs/STARTUP.md) is built only for the first one it does not read.
     */
    private static final class Reader {
        static final ObjectReader READER = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SKIP))
                .withCoercionConfig(LogicalType.Textual, textual -> textual
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build()
                .readerFor(ConnectOptions.class);
    }
}
