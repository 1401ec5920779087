package io.jnatsd.bench;

import io.jnatsd.bench.target.ExternalTarget;
import io.jnatsd.bench.target.LaunchedTarget;
import io.jnatsd.bench.target.Target;
import picocli.CommandLine.Option;

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

    private Target launched(String name) {
        Path logs = logDirectory != null ? logDirectory : home().resolve("bench-results").resolve("tmp");
        return switch (name) {
            case JNATSD -> new LaunchedTarget(JNATSD, jnatsdLauncher(), logs, startTimeout);
            case NATS_SERVER -> new LaunchedTarget(NATS_SERVER, natsServerBinary(), logs, startTimeout);
            default -> throw new IllegalArgumentException("unknown server '" + name + "'; known: jnatsd, nats-server");
        };
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
