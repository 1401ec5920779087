package io.jnatsd.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

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
    @JsonProperty("protocol") public int protocol;
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
        try {
            ConnectOptions options = GoJson.compact().readValue(json, ConnectOptions.class);
            if (options == null) {
                throw new ProtocolException(null, "CONNECT without JSON");
            }
            return options;
        } catch (java.io.IOException e) {
            throw new ProtocolException(null, "invalid CONNECT JSON: " + e.getMessage());
        }
    }
}
