package io.jnatsd.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every option of one server, immutable. Defaults are nats-server 2.10's and are declared once,
 * in {@link Builder}. A running server holds one instance; a reload swaps it for a new one.
 *
 * <p>Sizes are bytes, durations are {@link Duration}. {@code port == -1} asks for a random port
 * (as nats-server); {@code 0} does too and is what embedded servers use.
 */
public record ServerOptions(
        String serverName,
        String host,
        int port,
        String clientAdvertise,
        int maxConnections,
        int maxPayload,
        int maxControlLine,
        long maxPending,
        int maxSubscriptions,
        int maxSubTokens,
        Duration pingInterval,
        int pingMax,
        Duration writeDeadline,
        Duration lameDuckDuration,
        Duration lameDuckGracePeriod,
        boolean noHeaderSupport,
        int maxClosedClients,
        String httpHost,
        int httpPort,
        String httpBasePath,
        boolean debug,
        boolean trace,
        boolean logtime,
        String logFile,
        String pidFile,
        AuthorizationOptions authorization,
        List<AccountOptions> accounts,
        String systemAccount,
        boolean noSystemAccount,
        String noAuthUser,
        TlsOptions tls,
        boolean allowNonTls,
        ClusterOptions cluster,
        Path configFile,
        int httpsPort,
        boolean traceVerbose,
        boolean logtimeUtc,
        long logSizeLimit,
        int logMaxFiles,
        boolean syslog,
        String remoteSyslog,
        String portsFileDir,
        int maxTracedMessageLength,
        int connectErrorReports,
        int reconnectErrorReports,
        GatewayOptions gateway,
        OperatorOptions operator,
        LeafNodeOptions leafnodes,
        List<MappingOptions> mappings,
        SystemEventTimings systemEventTimings,
        WebsocketOptions websocket,
        List<String> serverTags) {

    public static final int DEFAULT_PORT = 4222;
    public static final String DEFAULT_SYSTEM_ACCOUNT = "$SYS";

    public ServerOptions {
        accounts = List.copyOf(accounts);
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
    }

    public static ServerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether this server accepts or dials leaf node connections ({@code leafnodes {}} with a port or remotes). */
    public boolean leafnodesEnabled() {
        return leafnodes != null && (leafnodes.listening() || !leafnodes.remotes().isEmpty());
    }

    /** Whether this server opens a websocket client listener ({@code websocket {}} with a port). */
    public boolean websocketEnabled() {
        return websocket != null && websocket.enabled();
    }

    /** Whether this server joins a supercluster ({@code gateway {}} block). */
    public boolean gatewayEnabled() {
        return gateway != null;
    }

    public boolean clusterEnabled() {
        return cluster != null;
    }

    /**
     * The effective system account name ({@value #DEFAULT_SYSTEM_ACCOUNT} unless one is
     * configured), or null when it is switched off. {@link #systemAccount()} is the configured
     * name only, null when none is: nats-server's checks tell the two apart.
     */
    public String systemAccountName() {
        return noSystemAccount ? null : systemAccount != null ? systemAccount : DEFAULT_SYSTEM_ACCOUNT;
    }

    /** Mutable collector of options; defaults live here and nowhere else. */
    public static final class Builder {
        private String serverName;
        private String host = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private String clientAdvertise;
        private int maxConnections = 65536;
        private int maxPayload = 1024 * 1024;
        private int maxControlLine = 4096;
        private long maxPending = 64L * 1024 * 1024;
        private int maxSubscriptions;
        private int maxSubTokens;
        private Duration pingInterval = Duration.ofMinutes(2);
        private int pingMax = 2;
        private Duration writeDeadline = Duration.ofSeconds(10);
        private Duration lameDuckDuration = Duration.ofMinutes(2);
        private Duration lameDuckGracePeriod = Duration.ofSeconds(10);
        private boolean noHeaderSupport;
        private int maxClosedClients = 10_000;
        private String httpHost;
        private int httpPort;
        private String httpBasePath = "";
        private boolean debug;
        private boolean trace;
        private boolean logtime = true;
        private String logFile;
        private String pidFile;
        private AuthorizationOptions authorization = AuthorizationOptions.NONE;
        private List<AccountOptions> accounts = List.of();
        private String systemAccount;
        private boolean noSystemAccount;
        private String noAuthUser;
        private TlsOptions tls;
        private boolean allowNonTls;
        private OperatorOptions operator;
        private ClusterOptions cluster;
        private GatewayOptions gateway;
        private LeafNodeOptions leafnodes;
        private List<MappingOptions> mappings = List.of();
        private Path configFile;
        private int httpsPort;
        private boolean traceVerbose;
        private boolean logtimeUtc;
        private long logSizeLimit;
        private int logMaxFiles;
        private boolean syslog;
        private String remoteSyslog;
        private String portsFileDir;
        private int maxTracedMessageLength;
        private int connectErrorReports = 3600;
        private int reconnectErrorReports = 1;
        private SystemEventTimings systemEventTimings = SystemEventTimings.NATS_SERVER;
        private WebsocketOptions websocket;
        private List<String> serverTags = List.of();

        private Builder() {
        }

        private Builder(ServerOptions o) {
            serverName = o.serverName;
            host = o.host;
            port = o.port;
            clientAdvertise = o.clientAdvertise;
            maxConnections = o.maxConnections;
            maxPayload = o.maxPayload;
            maxControlLine = o.maxControlLine;
            maxPending = o.maxPending;
            maxSubscriptions = o.maxSubscriptions;
            maxSubTokens = o.maxSubTokens;
            pingInterval = o.pingInterval;
            pingMax = o.pingMax;
            writeDeadline = o.writeDeadline;
            lameDuckDuration = o.lameDuckDuration;
            lameDuckGracePeriod = o.lameDuckGracePeriod;
            noHeaderSupport = o.noHeaderSupport;
            maxClosedClients = o.maxClosedClients;
            httpHost = o.httpHost;
            httpPort = o.httpPort;
            httpBasePath = o.httpBasePath;
            debug = o.debug;
            trace = o.trace;
            logtime = o.logtime;
            logFile = o.logFile;
            pidFile = o.pidFile;
            authorization = o.authorization;
            accounts = o.accounts;
            systemAccount = o.systemAccount;
            noSystemAccount = o.noSystemAccount;
            noAuthUser = o.noAuthUser;
            tls = o.tls;
            allowNonTls = o.allowNonTls;
            operator = o.operator;
            cluster = o.cluster;
            gateway = o.gateway;
            leafnodes = o.leafnodes;
            mappings = o.mappings;
            configFile = o.configFile;
            httpsPort = o.httpsPort;
            traceVerbose = o.traceVerbose;
            logtimeUtc = o.logtimeUtc;
            logSizeLimit = o.logSizeLimit;
            logMaxFiles = o.logMaxFiles;
            syslog = o.syslog;
            remoteSyslog = o.remoteSyslog;
            portsFileDir = o.portsFileDir;
            maxTracedMessageLength = o.maxTracedMessageLength;
            connectErrorReports = o.connectErrorReports;
            reconnectErrorReports = o.reconnectErrorReports;
            systemEventTimings = o.systemEventTimings;
            websocket = o.websocket;
            serverTags = o.serverTags;
        }

        public Builder serverName(String v) { serverName = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder clientAdvertise(String v) { clientAdvertise = v; return this; }
        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder maxPayload(int v) { maxPayload = v; return this; }
        public Builder maxControlLine(int v) { maxControlLine = v; return this; }
        public Builder maxPending(long v) { maxPending = v; return this; }
        public Builder maxSubscriptions(int v) { maxSubscriptions = v; return this; }
        public Builder maxSubTokens(int v) { maxSubTokens = v; return this; }
        public Builder pingInterval(Duration v) { pingInterval = v; return this; }
        public Builder pingMax(int v) { pingMax = v; return this; }
        public Builder writeDeadline(Duration v) { writeDeadline = v; return this; }
        public Builder lameDuckDuration(Duration v) { lameDuckDuration = v; return this; }
        public Builder lameDuckGracePeriod(Duration v) { lameDuckGracePeriod = v; return this; }
        public Builder noHeaderSupport(boolean v) { noHeaderSupport = v; return this; }
        public Builder maxClosedClients(int v) { maxClosedClients = v; return this; }
        public Builder httpHost(String v) { httpHost = v; return this; }
        public Builder httpPort(int v) { httpPort = v; return this; }
        public Builder httpBasePath(String v) { httpBasePath = v; return this; }
        public Builder debug(boolean v) { debug = v; return this; }
        public Builder trace(boolean v) { trace = v; return this; }
        public Builder logtime(boolean v) { logtime = v; return this; }
        public Builder logFile(String v) { logFile = v; return this; }
        public Builder pidFile(String v) { pidFile = v; return this; }
        public Builder authorization(AuthorizationOptions v) { authorization = v; return this; }
        public Builder accounts(List<AccountOptions> v) { accounts = v; return this; }
        public Builder systemAccount(String v) { systemAccount = v; return this; }
        public Builder noSystemAccount(boolean v) { noSystemAccount = v; return this; }
        public Builder noAuthUser(String v) { noAuthUser = v; return this; }
        public Builder tls(TlsOptions v) { tls = v; return this; }
        public Builder allowNonTls(boolean v) { allowNonTls = v; return this; }
        public Builder operator(OperatorOptions v) { operator = v; return this; }
        public Builder cluster(ClusterOptions v) { cluster = v; return this; }
        public Builder configFile(Path v) { configFile = v; return this; }
        public Builder httpsPort(int v) { httpsPort = v; return this; }
        public Builder traceVerbose(boolean v) { traceVerbose = v; return this; }
        public Builder logtimeUtc(boolean v) { logtimeUtc = v; return this; }
        public Builder logSizeLimit(long v) { logSizeLimit = v; return this; }
        public Builder logMaxFiles(int v) { logMaxFiles = v; return this; }
        public Builder syslog(boolean v) { syslog = v; return this; }
        public Builder remoteSyslog(String v) { remoteSyslog = v; return this; }
        public Builder portsFileDir(String v) { portsFileDir = v; return this; }
        public Builder maxTracedMessageLength(int v) { maxTracedMessageLength = v; return this; }
        public Builder connectErrorReports(int v) { connectErrorReports = v; return this; }
        public Builder reconnectErrorReports(int v) { reconnectErrorReports = v; return this; }

        public Builder gateway(GatewayOptions v) { gateway = v; return this; }
        public Builder leafnodes(LeafNodeOptions v) { leafnodes = v; return this; }
        /** The global account's subject mappings (the top-level {@code mappings} block). */
        public Builder mappings(List<MappingOptions> v) { mappings = v; return this; }
        /** Shorter system heartbeats and orphan timeouts, for tests; not a configuration file option. */
        public Builder systemEventTimings(SystemEventTimings v) { systemEventTimings = v; return this; }
        /** The {@code websocket {}} block; null without one. */
        public Builder websocket(WebsocketOptions v) { websocket = v; return this; }
        /** {@code server_tags}, as nats-server keeps them: trimmed, lower case, each once. */
        public Builder serverTags(List<String> v) { serverTags = List.copyOf(v); return this; }

        public ClusterOptions cluster() { return cluster; }
        public AuthorizationOptions authorization() { return authorization; }

        public ServerOptions build() {
            if (gateway != null && gateway.name() != null && cluster != null && cluster.name() == null) {
                // nats-server: a cluster without a name takes the gateway's (no dynamic name)
                cluster = cluster.withName(gateway.name());
            }
            return new ServerOptions(serverName, host, port, clientAdvertise, maxConnections, maxPayload,
                    maxControlLine, maxPending, maxSubscriptions, maxSubTokens, pingInterval, pingMax,
                    writeDeadline, lameDuckDuration, lameDuckGracePeriod, noHeaderSupport, maxClosedClients,
                    httpHost, httpPort, httpBasePath, debug, trace, logtime, logFile, pidFile, authorization,
                    accounts, systemAccount, noSystemAccount, noAuthUser, tls, allowNonTls, cluster, configFile,
                    httpsPort, traceVerbose, logtimeUtc, logSizeLimit, logMaxFiles, syslog, remoteSyslog, portsFileDir,
                    maxTracedMessageLength, connectErrorReports, reconnectErrorReports, gateway,
                    operator, leafnodes, mappings, systemEventTimings, websocket, serverTags);
        }
    }
}
