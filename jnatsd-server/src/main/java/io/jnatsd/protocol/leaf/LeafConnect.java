package io.jnatsd.protocol.leaf;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.protocol.ProtocolException;

/**
 * The CONNECT a soliciting leaf node sends (LEAFNODES.md §5). The field names are not the client
 * CONNECT's: a CONNECT with {@code lang} comes from a client on the wrong port, one with
 * {@code gateway} from a gateway. {@code cluster} names the origin of the leaf's interest.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
@JsonPropertyOrder({"version", "nkey", "jwt", "sig", "user", "pass", "auth_token", "server_id", "name", "is_hub",
        "cluster", "headers", "deny_pub", "compress_mode", "remote_account"})
public final class LeafConnect {
    @JsonProperty("version") public String version;
    @JsonProperty("nkey") public String nkey;
    @JsonProperty("jwt") public String jwt;
    @JsonProperty("sig") public String sig;
    @JsonProperty("user") public String user;
    @JsonProperty("pass") public String pass;
    @JsonProperty("auth_token") public String authToken;
    @JsonProperty("server_id") public String serverId;
    @JsonProperty("name") public String name;
    @JsonProperty("cluster") public String cluster;
    @JsonProperty("headers") public boolean headers;
    @JsonProperty("is_hub") public boolean hub;
    /** The solicitor's {@code deny_imports}: the hub must not send it these (LEAFNODES.md §8.4). */
    @JsonProperty("deny_pub") public java.util.List<String> denyPub;
    @JsonProperty("compress_mode") public String compressMode;
    @JsonProperty("remote_account") public String remoteAccount;
    /** The leaf's JetStream domain, sent by a server that has one; read for the log line only. */
    @JsonProperty("domain") public String domain;
    @JsonProperty("lang") public String lang;
    @JsonProperty("gateway") public String gateway;

    public static LeafConnect parse(String json) throws ProtocolException {
        try {
            LeafConnect connect = GoJson.compact().readValue(json, LeafConnect.class);
            if (connect == null) {
                throw new ProtocolException(null, "CONNECT without JSON");
            }
            return connect;
        } catch (java.io.IOException e) {
            throw new ProtocolException(null, "invalid leafnode CONNECT JSON: " + e.getMessage());
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
