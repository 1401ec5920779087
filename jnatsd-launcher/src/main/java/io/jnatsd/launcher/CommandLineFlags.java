package io.jnatsd.launcher;

import java.util.HashMap;
import java.util.Map;

/**
 * nats-server's command-line flags, as typed: {@link FlagParser} fills the fields,
 * {@link FlagOverrides} turns them into server options. Reference values (numbers, booleans) are
 * null when the flag was not given, so a flag only overrides a configuration-file value when it
 * is present.
 *
 * <p>As in nats-server, several names may write one field ({@code -p} and {@code -port}); each
 * name is a flag of its own for Go's flag package, so errors quote the name as typed. The usage
 * text is ours ({@code usage.txt}).
 */
final class CommandLineFlags {

    /** How a flag's value is read, as Go's flag package reads it. */
    enum Type { STRING, INT, LONG, BOOLEAN }

    /** Every flag name (without dashes) and the field it writes, named by its first name. */
    private static final Map<String, String> FIELD_BY_NAME = new HashMap<>();
    private static final Map<String, Type> TYPE_BY_FIELD = new HashMap<>();

    static {
        // ---- server options
        define(Type.STRING, "a", "addr", "net");
        define(Type.INT, "p", "port");
        define(Type.STRING, "n", "name", "server_name");
        define(Type.STRING, "P", "pid");
        define(Type.INT, "m", "http_port");
        define(Type.INT, "ms", "https_port");
        define(Type.STRING, "c", "config");
        define(Type.BOOLEAN, "t");
        define(Type.STRING, "sl", "signal");
        define(Type.STRING, "client_advertise");
        define(Type.STRING, "ports_file_dir");
        // ---- logging options
        define(Type.STRING, "l", "log");
        define(Type.BOOLEAN, "T", "logtime");
        define(Type.BOOLEAN, "s", "syslog");
        define(Type.STRING, "r", "remote_syslog");
        define(Type.BOOLEAN, "D", "debug");
        define(Type.BOOLEAN, "V", "trace");
        define(Type.BOOLEAN, "VV");
        define(Type.BOOLEAN, "DV");
        define(Type.BOOLEAN, "DVV");
        define(Type.LONG, "log_size_limit");
        define(Type.INT, "max_traced_msg_len");
        // ---- JetStream options: accepted and ignored, as the configuration file's jetstream block is
        define(Type.BOOLEAN, "js", "jetstream");
        define(Type.STRING, "sd", "store_dir");
        // ---- authorization options
        define(Type.STRING, "user");
        define(Type.STRING, "pass");
        define(Type.STRING, "auth");
        // ---- TLS options
        define(Type.BOOLEAN, "tls");
        define(Type.STRING, "tlscert");
        define(Type.STRING, "tlskey");
        define(Type.BOOLEAN, "tlsverify");
        define(Type.STRING, "tlscacert");
        // ---- cluster options
        define(Type.STRING, "routes");
        define(Type.STRING, "cluster", "cluster_listen");
        define(Type.STRING, "cluster_name");
        define(Type.BOOLEAN, "no_advertise");
        define(Type.STRING, "cluster_advertise");
        define(Type.INT, "connect_retries");
        // ---- profiling options: accepted and ignored, as prof_port in a file is
        define(Type.INT, "profile");
        // ---- common options
        define(Type.BOOLEAN, "h", "help");
        define(Type.BOOLEAN, "v", "version");
        define(Type.BOOLEAN, "help_tls");
    }

    // ---- server options
    String host;
    Integer port;
    String serverName;
    String pidFile;
    Integer httpPort;
    Integer httpsPort;
    String configFile;
    boolean testConfig;
    String signal;
    String clientAdvertise;
    String portsFileDir;

    // ---- logging options
    String logFile;
    Boolean logtime;
    Boolean syslog;
    String remoteSyslog;
    Boolean debug;
    Boolean trace;
    Boolean traceVerbose;
    Boolean debugAndTrace;
    Boolean debugAndTraceVerbose;
    Long logSizeLimit;
    Integer maxTracedMessageLength;

    // ---- JetStream options
    Boolean jetStream;
    String storeDir;

    // ---- authorization options
    String user;
    String password;
    String token;

    // ---- TLS options
    Boolean tls;
    String tlsCert;
    String tlsKey;
    Boolean tlsVerify;
    String tlsCaCert;

    // ---- cluster options
    String routes;
    /** Both names write one value in nats-server, so the last one given wins. */
    String clusterListen;
    String clusterName;
    Boolean noAdvertise;
    String clusterAdvertise;
    Integer connectRetries;

    // ---- profiling options
    Integer profilePort;

    // ---- common options
    boolean help;
    boolean version;
    boolean helpTls;

    private static void define(Type type, String... names) {
        for (String name : names) {
            FIELD_BY_NAME.put(name, names[0]);
        }
        TYPE_BY_FIELD.put(names[0], type);
    }

    /** The type of the flag with this name (no dashes), or null when there is no such flag. */
    static Type typeOf(String name) {
        String field = FIELD_BY_NAME.get(name);
        return field == null ? null : TYPE_BY_FIELD.get(field);
    }

    /** Stores a value already read as the flag's {@link #typeOf type} says. */
    void set(String name, Object value) {
        switch (FIELD_BY_NAME.get(name)) {
            case "a" -> host = (String) value;
            case "p" -> port = (Integer) value;
            case "n" -> serverName = (String) value;
            case "P" -> pidFile = (String) value;
            case "m" -> httpPort = (Integer) value;
            case "ms" -> httpsPort = (Integer) value;
            case "c" -> configFile = (String) value;
            case "t" -> testConfig = (Boolean) value;
            case "sl" -> signal = (String) value;
            case "client_advertise" -> clientAdvertise = (String) value;
            case "ports_file_dir" -> portsFileDir = (String) value;
            case "l" -> logFile = (String) value;
            case "T" -> logtime = (Boolean) value;
            case "s" -> syslog = (Boolean) value;
            case "r" -> remoteSyslog = (String) value;
            case "D" -> debug = (Boolean) value;
            case "V" -> trace = (Boolean) value;
            case "VV" -> traceVerbose = (Boolean) value;
            case "DV" -> debugAndTrace = (Boolean) value;
            case "DVV" -> debugAndTraceVerbose = (Boolean) value;
            case "log_size_limit" -> logSizeLimit = (Long) value;
            case "max_traced_msg_len" -> maxTracedMessageLength = (Integer) value;
            case "js" -> jetStream = (Boolean) value;
            case "sd" -> storeDir = (String) value;
            case "user" -> user = (String) value;
            case "pass" -> password = (String) value;
            case "auth" -> token = (String) value;
            case "tls" -> tls = (Boolean) value;
            case "tlscert" -> tlsCert = (String) value;
            case "tlskey" -> tlsKey = (String) value;
            case "tlsverify" -> tlsVerify = (Boolean) value;
            case "tlscacert" -> tlsCaCert = (String) value;
            case "routes" -> routes = (String) value;
            case "cluster" -> clusterListen = (String) value;
            case "cluster_name" -> clusterName = (String) value;
            case "no_advertise" -> noAdvertise = (Boolean) value;
            case "cluster_advertise" -> clusterAdvertise = (String) value;
            case "connect_retries" -> connectRetries = (Integer) value;
            case "profile" -> profilePort = (Integer) value;
            case "h" -> help = (Boolean) value;
            case "v" -> version = (Boolean) value;
            case "help_tls" -> helpTls = (Boolean) value;
            default -> throw new IllegalStateException("flag without a field: " + name);
        }
    }

    /** The debug setting the flags ask for, or null when no debug flag was given. */
    Boolean debugOverride() {
        return anyGiven(debug, debugAndTrace, debugAndTraceVerbose);
    }

    /** The trace setting the flags ask for, or null when no trace flag was given. */
    Boolean traceOverride() {
        return anyGiven(trace, traceVerbose, debugAndTrace, debugAndTraceVerbose);
    }

    /** Null when none of the flags was given, else whether one of them is true. */
    private static Boolean anyGiven(Boolean... flags) {
        Boolean result = null;
        for (Boolean flag : flags) {
            if (flag != null) {
                result = flag || (result != null && result);
            }
        }
        return result;
    }
}
