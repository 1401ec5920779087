package io.jnatsd.protocol.leaf;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.protocol.ProtocolException;
import java.util.List;

/**
 * The INFO on a leaf connection (LEAFNODES.md §4): the acceptor's first INFO (with {@code nonce}
 * and {@code compression}), its answer to CONNECT ({@code connect_info}, {@code remote_account})
 * and asynchronous URL updates. The line ends <code>} \r\n</code> as nats-server writes it.
 * {@code client_id} and {@code leafnode_urls} must be present: the solicitor checks both.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
@JsonPropertyOrder({"server_id", "server_name", "version", "proto", "go", "host", "port", "headers", "auth_required",
        "tls_required", "tls_verify", "max_payload", "ip", "client_id", "nonce", "cluster", "ws_connect_urls", "compression", "import",
        "export", "info_on_connect", "connect_info", "leafnode_urls", "remote_account"})
public final class LeafInfo {
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("server_id") public String serverId = "";
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("server_name") public String serverName = "";
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("version") public String version = "";
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("proto") public int proto;
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("go") public String go = "";
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("host") public String host = "";
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("port") public int port;
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("headers") public boolean headers;
    @JsonProperty("auth_required") public boolean authRequired;
    @JsonProperty("tls_required") public boolean tlsRequired;
    @JsonProperty("tls_verify") public boolean tlsVerify;
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("max_payload") public long maxPayload;
    @JsonProperty("ip") public String ip;
    @JsonProperty("client_id") public long clientId;
    @JsonProperty("nonce") public String nonce;
    @JsonProperty("cluster") public String cluster;
    /** The hub's route peers' websocket URLs, which a {@code ws://} remote dials as it dials {@code leafnode_urls}. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("ws_connect_urls") public List<String> wsConnectUrls;
    @JsonProperty("compression") public String compression;
    @JsonProperty("info_on_connect") public boolean infoOnConnect;
    @JsonProperty("connect_info") public boolean connectInfo;
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("leafnode_urls") public List<String> leafnodeUrls;
    @JsonProperty("remote_account") public String remoteAccount;
    /** The hub's JetStream domain, sent by a server that has one; read for the log line only. */
    @JsonProperty("domain") public String domain;
    /**
     * INFO #2 when the bound leaf user has permissions: what the spoke may subscribe to
     * ({@code import}) and publish ({@code export}), for it to enforce (LEAFNODES.md §4, §8.4).
     */
    @JsonProperty("import") public Permission importPermission;
    @JsonProperty("export") public Permission exportPermission;

    /** Allow and deny lists as nats-server writes them, empty ones left out. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public static final class Permission {
        @JsonProperty("allow") public List<String> allow;
        @JsonProperty("deny") public List<String> deny;

        public Permission() {
        }

        public Permission(List<String> allow, List<String> deny) {
            this.allow = allow;
            this.deny = deny;
        }
    }

    public static LeafInfo parse(String json) throws ProtocolException {
        try {
            LeafInfo info = GoJson.compact().readValue(json, LeafInfo.class);
            if (info == null) {
                throw new ProtocolException(null, "INFO without JSON");
            }
            return info;
        } catch (java.io.IOException e) {
            throw new ProtocolException(null, "invalid leafnode INFO JSON: " + e.getMessage());
        }
    }

    public String line() {
        try {
            return "INFO " + GoJson.compact().writeValueAsString(this) + " \r\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
