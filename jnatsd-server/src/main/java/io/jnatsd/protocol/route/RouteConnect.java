package io.jnatsd.protocol.route;

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

    boolean read(String field, FieldValue value) throws IOException {
        switch (field) {
            case "echo" -> echo = value.bool();
            case "verbose" -> verbose = value.bool();
            case "pedantic" -> pedantic = value.bool();
            case "user" -> user = value.string();
            case "pass" -> pass = value.string();
            case "auth_token" -> authToken = value.string();
            case "tls_required" -> tlsRequired = value.bool();
            case "headers" -> headers = value.bool();
            case "name" -> name = value.string();
            case "cluster" -> cluster = value.string();
            case "cluster_dynamic" -> clusterDynamic = value.bool();
            case "lnoc" -> lnoc = value.bool();
            case "lang" -> lang = value.string();
            case "gateway" -> gateway = value.string();
            default -> {
                return false;
            }
        }
        return true;
    }

    public String line() {
        return "CONNECT " + RouteJson.writeObject(this::write) + "\r\n";
    }

    void write(FieldSink out) throws IOException {
        out.bool("echo", echo);
        out.bool("verbose", verbose);
        out.bool("pedantic", pedantic);
        if (user != null) {
            out.string("user", user);
        }
        if (pass != null) {
            out.string("pass", pass);
        }
        out.bool("tls_required", tlsRequired);
        out.bool("headers", headers);
        out.string("name", name);
        out.string("cluster", cluster);
        if (clusterDynamic) {
            out.bool("cluster_dynamic", true);
        }
        out.bool("lnoc", lnoc);
        if (authToken != null) {
            out.string("auth_token", authToken);
        }
        if (lang != null) {
            out.string("lang", lang);
        }
        if (gateway != null) {
            out.string("gateway", gateway);
        }
    }
}
