package io.jnatsd.protocol.route;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.protocol.ProtocolException;

/** The CONNECT a soliciting server sends on a route (ROUTES.md §4). */
@JsonPropertyOrder({"echo", "verbose", "pedantic", "user", "pass", "tls_required", "headers", "name", "cluster",
        "cluster_dynamic", "lnoc"})
public final class RouteConnect {
    @JsonProperty("echo") public boolean echo = true;
    @JsonProperty("verbose") public boolean verbose;
    @JsonProperty("pedantic") public boolean pedantic;
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("user") public String user;
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("pass") public String pass;
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("auth_token") public String authToken;
    @JsonProperty("tls_required") public boolean tlsRequired;
    @JsonProperty("headers") public boolean headers = true;
    @JsonProperty("name") public String name;
    @JsonProperty("cluster") public String cluster;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("cluster_dynamic") public boolean clusterDynamic;
    @JsonProperty("lnoc") public boolean lnoc = true;
    /** Set by NATS clients only: a CONNECT with {@code lang} on the route port is refused. */
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("lang") public String lang;
    /** Set by gateways only. */
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("gateway") public String gateway;

    public static RouteConnect parse(String json) throws ProtocolException {
        try {
            RouteConnect connect = GoJson.compact().readValue(json, RouteConnect.class);
            if (connect == null) {
                throw new ProtocolException(null, "CONNECT without JSON");
            }
            return connect;
        } catch (java.io.IOException e) {
            // nats-server reads a route's CONNECT into the clients' struct, and says so.
            throw new ProtocolException(null, io.jnatsd.protocol.GoJsonErrors.describe(e, json, "ClientOpts"));
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
