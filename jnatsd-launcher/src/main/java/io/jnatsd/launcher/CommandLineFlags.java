package io.jnatsd.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * nats-server's command-line flags, as typed: picocli fills the fields, {@link FlagOverrides}
 * turns them into server options. Reference values (numbers, booleans) are null when the flag
 * was not given, so a flag only overrides a configuration-file value when it is present.
 *
 * <p>Booleans have arity 1 because {@link GoFlagSyntax} has already rewritten every bare
 * boolean flag to {@code --flag=true}, as Go's flag package reads it. The usage text is ours
 * ({@code usage.txt}), not picocli's, so names are declared in nats-server's order.
 */
@Command(name = "jnatsd")
final class CommandLineFlags {

    // ---- server options
    @Option(names = {"-a", "--addr", "--net"}) String host;
    @Option(names = {"-p", "--port"}) Integer port;
    @Option(names = {"-n", "--name", "--server_name"}) String serverName;
    @Option(names = {"-P", "--pid"}) String pidFile;
    @Option(names = {"-m", "--http_port"}) Integer httpPort;
    @Option(names = {"-ms", "--https_port"}) Integer httpsPort;
    @Option(names = {"-c", "--config"}) String configFile;
    @Option(names = {"-t"}, arity = "1", converter = GoBoolean.class) boolean testConfig;
    @Option(names = {"-sl", "--signal"}) String signal;
    @Option(names = {"--client_advertise"}) String clientAdvertise;
    @Option(names = {"--ports_file_dir"}) String portsFileDir;

    // ---- logging options
    @Option(names = {"-l", "--log"}) String logFile;
    @Option(names = {"-T", "--logtime"}, arity = "1", converter = GoBoolean.class) Boolean logtime;
    @Option(names = {"-s", "--syslog"}, arity = "1", converter = GoBoolean.class) Boolean syslog;
    @Option(names = {"-r", "--remote_syslog"}) String remoteSyslog;
    @Option(names = {"-D", "--debug"}, arity = "1", converter = GoBoolean.class) Boolean debug;
    @Option(names = {"-V", "--trace"}, arity = "1", converter = GoBoolean.class) Boolean trace;
    @Option(names = {"-VV"}, arity = "1", converter = GoBoolean.class) Boolean traceVerbose;
    @Option(names = {"-DV"}, arity = "1", converter = GoBoolean.class) Boolean debugAndTrace;
    @Option(names = {"-DVV"}, arity = "1", converter = GoBoolean.class) Boolean debugAndTraceVerbose;
    @Option(names = {"--log_size_limit"}) Long logSizeLimit;
    @Option(names = {"--max_traced_msg_len"}) Integer maxTracedMessageLength;

    // ---- authorization options
    @Option(names = {"--user"}) String user;
    @Option(names = {"--pass"}) String password;
    @Option(names = {"--auth"}) String token;

    // ---- TLS options
    @Option(names = {"--tls"}, arity = "1", converter = GoBoolean.class) Boolean tls;
    @Option(names = {"--tlscert"}) String tlsCert;
    @Option(names = {"--tlskey"}) String tlsKey;
    @Option(names = {"--tlsverify"}, arity = "1", converter = GoBoolean.class) Boolean tlsVerify;
    @Option(names = {"--tlscacert"}) String tlsCaCert;

    // ---- cluster options
    @Option(names = {"--routes"}) String routes;
    /** Both names write one value in nats-server, so the last one given wins. */
    @Option(names = {"--cluster", "--cluster_listen"}) String clusterListen;
    @Option(names = {"--cluster_name"}) String clusterName;
    @Option(names = {"--no_advertise"}, arity = "1", converter = GoBoolean.class) Boolean noAdvertise;
    @Option(names = {"--cluster_advertise"}) String clusterAdvertise;
    @Option(names = {"--connect_retries"}) Integer connectRetries;

    // ---- common options
    @Option(names = {"-h", "--help"}, arity = "1", converter = GoBoolean.class) boolean help;
    @Option(names = {"-v", "--version"}, arity = "1", converter = GoBoolean.class) boolean version;
    @Option(names = {"--help_tls"}, arity = "1", converter = GoBoolean.class) boolean helpTls;

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
