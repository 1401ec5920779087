package io.jnatsd.protocol.route;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.jnatsd.protocol.ProtocolException;
import java.io.IOException;

/** The CONNECT a soliciting server sends on a route (ROUTES.md §4), read and written by {@link RouteJson}. */
public final class RouteConnect {
    public boolean echo = true;
    public boolean verbose;
    public boolean pedantic;
    public String user;
    public String pass;
    public String authToken;
    public boolean tlsRequired;
    public boolean headers = true;
    public String name;
    public String cluster;
    public boolean clusterDynamic;
    public boolean lnoc = true;
    /** Set by NATS clients only: a CONNECT with {@code lang} on the route port is refused. */
    public String lang;
    /** Set by gateways only. */
    public String gateway;

    public static RouteConnect parse(String json) throws ProtocolException {
        RouteConnect connect = new RouteConnect();
        // nats-server reads a route's CONNECT into the clients' struct, and names it so in errors.
        RouteJson.readObject(json, "ClientOpts", connect::read);
        return connect;
    }

    private boolean read(String field, JsonParser value) throws IOException {
        switch (field) {
            case "echo" -> echo = RouteJson.bool(value);
            case "verbose" -> verbose = RouteJson.bool(value);
            case "pedantic" -> pedantic = RouteJson.bool(value);
            case "user" -> user = RouteJson.string(value);
            case "pass" -> pass = RouteJson.string(value);
            case "auth_token" -> authToken = RouteJson.string(value);
            case "tls_required" -> tlsRequired = RouteJson.bool(value);
            case "headers" -> headers = RouteJson.bool(value);
            case "name" -> name = RouteJson.string(value);
            case "cluster" -> cluster = RouteJson.string(value);
            case "cluster_dynamic" -> clusterDynamic = RouteJson.bool(value);
            case "lnoc" -> lnoc = RouteJson.bool(value);
            case "lang" -> lang = RouteJson.string(value);
            case "gateway" -> gateway = RouteJson.string(value);
            default -> {
                return false;
            }
        }
        return true;
    }

    public String line() {
        return "CONNECT " + RouteJson.writeObject(this::write) + "\r\n";
    }

    private void write(JsonGenerator out) throws IOException {
        out.writeBooleanField("echo", echo);
        out.writeBooleanField("verbose", verbose);
        out.writeBooleanField("pedantic", pedantic);
        if (user != null) {
            out.writeStringField("user", user);
        }
        if (pass != null) {
            out.writeStringField("pass", pass);
        }
        out.writeBooleanField("tls_required", tlsRequired);
        out.writeBooleanField("headers", headers);
        out.writeStringField("name", name);
        out.writeStringField("cluster", cluster);
        if (clusterDynamic) {
            out.writeBooleanField("cluster_dynamic", true);
        }
        out.writeBooleanField("lnoc", lnoc);
        if (authToken != null) {
            out.writeStringField("auth_token", authToken);
        }
        if (lang != null) {
            out.writeStringField("lang", lang);
        }
        if (gateway != null) {
            out.writeStringField("gateway", gateway);
        }
    }
}
