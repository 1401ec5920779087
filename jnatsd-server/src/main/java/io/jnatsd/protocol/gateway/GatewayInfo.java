package io.jnatsd.protocol.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.protocol.ProtocolException;
import java.util.List;

/**
 * A gateway INFO (GATEWAYS.md §3.4), ours and a peer's: field names and order are nats-server's;
 * the first nine fields are always written (zero in command INFOs), the rest only when set. The
 * line ends {@code }\r\n}, without the space route INFOs have. {@code gateway_cmd_payload} is a
 * byte array in Go, so base64 on the wire.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
@JsonPropertyOrder({"server_id", "server_name", "version", "proto", "go", "host", "port", "headers", "auth_required",
        "tls_required", "tls_verify", "max_payload", "gateway", "gateway_urls", "gateway_url", "gateway_cmd",
        "gateway_cmd_payload", "gateway_nrp", "gateway_iom"})
public final class GatewayInfo {
    /** {@code gateway_cmd} values. */
    public static final int GOSSIP = 1;
    public static final int ALL_SUBS_START = 2;
    public static final int ALL_SUBS_COMPLETE = 3;

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
    @JsonProperty("gateway") public String gateway;
    @JsonProperty("gateway_urls") public List<String> gatewayUrls;
    @JsonProperty("gateway_url") public String gatewayUrl;
    @JsonProperty("gateway_cmd") public int gatewayCommand;
    @JsonProperty("gateway_cmd_payload") public byte[] gatewayCommandPayload;
    @JsonProperty("gateway_nrp") public boolean newReplyPrefix;
    @JsonProperty("gateway_iom") public boolean interestOnlyMode;

    public static GatewayInfo parse(String json) throws ProtocolException {
        try {
            GatewayInfo info = GoJson.compact().readValue(json, GatewayInfo.class);
            if (info == null) {
                throw new ProtocolException(null, "INFO without JSON");
            }
            return info;
        } catch (java.io.IOException e) {
            throw new ProtocolException(null, "invalid gateway INFO JSON: " + e.getMessage());
        }
    }

    /** A command INFO: only {@code gateway}, the command and its payload are set. */
    public static GatewayInfo command(String gateway, int command, byte[] payload) {
        GatewayInfo info = new GatewayInfo();
        info.gateway = gateway;
        info.gatewayCommand = command;
        info.gatewayCommandPayload = payload;
        return info;
    }

    public String line() {
        try {
            return "INFO " + GoJson.compact().writeValueAsString(this) + "\r\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
