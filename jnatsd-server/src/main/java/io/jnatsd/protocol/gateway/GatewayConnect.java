package io.jnatsd.protocol.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.protocol.ProtocolException;

/**
 * The CONNECT a soliciting gateway sends (GATEWAYS.md §3.3): {@code name} is the solicitor's server
 * ID, {@code gateway} its gateway name (its absence marks a client or route on the gateway port),
 * {@code headers} always false (capability comes from INFO).
 */
@JsonPropertyOrder({"echo", "verbose", "pedantic", "user", "pass", "tls_required", "headers", "name", "cluster",
        "gateway"})
public final class GatewayConnect {
    @JsonProperty("echo") public boolean echo;
    @JsonProperty("verbose") public boolean verbose;
    @JsonProperty("pedantic") public boolean pedantic;
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("user") public String user;
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("pass") public String pass;
    @JsonProperty("tls_required") public boolean tlsRequired;
    @JsonProperty("headers") public boolean headers;
    @JsonProperty("name") public String name = "";
    @JsonProperty("cluster") public String cluster = "";
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("gateway") public String gateway;

    public static GatewayConnect parse(String json) throws ProtocolException {
        try {
            GatewayConnect connect = GoJson.compact().readValue(json, GatewayConnect.class);
            if (connect == null) {
                throw new ProtocolException(null, "CONNECT without JSON");
            }
            return connect;
        } catch (java.io.IOException e) {
            throw new ProtocolException(null, "invalid gateway CONNECT JSON: " + e.getMessage());
        }
    }

    public String line() {
        try {
            return "CONNECT " + GoJson.compact().writeValueAsString(this) + "\r\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
