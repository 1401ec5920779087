package io.jnatsd.bench;

import io.jnatsd.bench.target.ByteCountingProxy;
import io.jnatsd.bench.target.ExternalTarget;
import io.jnatsd.bench.target.LaunchedTarget;
import io.jnatsd.bench.target.RouteCertificates;
import io.jnatsd.bench.target.RouteVariant;
import io.jnatsd.bench.target.Target;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Which servers to measure: started by us on free ports of 127.0.0.1, or already running. */
final class TargetOptions {

    /** Set by bin/bench to the checkout it lives in. */
    static final String HOME_PROPERTY = "jnatsd.bench.home";
    static final String JNATSD = "jnatsd";
    static final String NATS_SERVER = "nats-server";

    @Option(names = "--compare", description = "Start jnatsd and nats-server in turn, run the same scenarios "
        + "against both, and show jnatsd's figures as a ratio of nats-server's.")
    boolean compare;

    @Option(names = "--server", split = ",", paramLabel = "NAME",
        description = "Servers to start: jnatsd, nats-server (default: jnatsd unless --url is given).")
    List<String> servers = new ArrayList<>();

    @Option(names = "--url", split = ",", paramLabel = "URL", description = "Run against servers already running, "
        + "e.g. nats://127.0.0.1:4222; give three servers of one cluster for the cluster scenarios.")
    List<String> urls = new ArrayList<>();

    @Option(names = "--url-name", defaultValue = "url", paramLabel = "NAME", description = "Name of the --url servers "
        + "in tables; nats-server makes them the baseline of the ratio column (default: ${DEFAULT-VALUE}).")
    String urlName;

    @Option(names = "--server-pid", split = ",", paramLabel = "PID",
        description = "Process ids of the --url servers, for their CPU and memory figures.")
    List<Long> serverPids = new ArrayList<>();

    @Option(names = "--nats-server", paramLabel = "PATH",
        description = "The nats-server binary (default: $NATS_SERVER_210, else nats-server on the PATH).")
    String natsServer;

    @Option(names = "--jnatsd", paramLabel = "PATH", description = "The jnatsd launcher (default: bin/jnatsd of this checkout).")
    String jnatsd;

    @Option(names = "--start-timeout", defaultValue = "180s", converter = DurationConverter.class,
        description = "How long a started server may take to accept clients; jnatsd builds itself on first start "
            + "(default: ${DEFAULT-VALUE}).")
    Duration startTimeout;

    @Option(names = "--log-dir", paramLabel = "DIR",
        description = "Where started servers write their output (default: bench-results/tmp of this checkout).")
    Path logDirectory;

    @Option(names = "--route-compression", paramLabel = "MODE", description = "Route compression of the clusters "
        + "the bench starts: off, accept, s2_fast, s2_better, s2_best, s2_auto (default: each server's own).")
    String routeCompression;

    @Option(names = "--route-tls", description = "Routes of the clusters the bench starts use TLS, with a CA and "
        + "certificate made for the run (keytool) in the log directory.")
    boolean routeTls;

    private RouteCertificates routeCertificates;

    List<Target> targets() {
        List<String> names = new ArrayList<>(servers);
        if (compare) {
            names.add(JNATSD);
            names.add(NATS_SERVER);
        }
        if (names.isEmpty() && urls.isEmpty()) {
            names.add(JNATSD);
        }
        List<Target> targets = new ArrayList<>();
        for (String name : names.stream().distinct().toList()) {
            targets.add(launched(name));
        }
        if (!urls.isEmpty()) {
            targets.add(new ExternalTarget(urlName, urls.stream().map(TargetOptions::address).toList(), serverPids));
        }
        return targets;
    }

    /** The servers to start (--compare or --server; default jnatsd), each with a fresh relay between B and A. */
    List<LaunchedTarget> launchedWithRouteProxy() throws IOException {
        List<String> names = new ArrayList<>(servers);
        if (compare || names.isEmpty()) {
            names.addAll(List.of(JNATSD, NATS_SERVER).subList(0, compare ? 2 : 1));
        }
        List<LaunchedTarget> targets = new ArrayList<>();
        for (String name : names.stream().distinct().toList()) {
            targets.add(launched(name, ByteCountingProxy.listen()));
        }
        return targets;
    }

    RouteVariant routeVariant() {
        return new RouteVariant(routeCompression, routeTls);
    }

    /** Where started servers write their output. */
    Path logDirectory() {
        return logDirectory != null ? logDirectory : home().resolve("bench-results").resolve("tmp");
    }

    private Target launched(String name) {
        return launched(name, null);
    }

    private LaunchedTarget launched(String name, ByteCountingProxy routeProxy) {
        Path logs = logDirectory();
        String executable = switch (name) {
            case JNATSD -> jnatsdLauncher();
            case NATS_SERVER -> natsServerBinary();
            default -> throw new IllegalArgumentException("unknown server '" + name + "'; known: jnatsd, nats-server");
        };
        RouteVariant variant = routeVariant();
        return new LaunchedTarget(name, executable, logs, startTimeout, variant, certificatesFor(variant, logs), routeProxy);
    }

    /** One authority and certificate per run, shared by every server started. */
    private RouteCertificates certificatesFor(RouteVariant variant, Path logs) {
        if (variant.tls() && routeCertificates == null) {
            try {
                routeCertificates = RouteCertificates.create(logs.resolve("route-tls"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make route certificates: " + e.getMessage(), e);
            }
        }
        return variant.tls() ? routeCertificates : null;
    }

    private String jnatsdLauncher() {
        return jnatsd != null ? jnatsd : home().resolve("bin").resolve("jnatsd").toString();
    }

    private String natsServerBinary() {
        if (natsServer != null) {
            return natsServer;
        }
        String fromEnvironment = System.getenv("NATS_SERVER_210");
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "nats-server";
    }

    private static Path home() {
        return Path.of(System.getProperty(HOME_PROPERTY, ".")).toAbsolutePath().normalize();
    }

    static InetSocketAddress address(String url) {
        URI uri = URI.create(url.contains("://") ? url : "nats://" + url);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("not a server URL: " + url);
        }
        return new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 4222 : uri.getPort());
    }
}
