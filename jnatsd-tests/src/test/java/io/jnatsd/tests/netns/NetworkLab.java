package io.jnatsd.tests.netns;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hosts in network namespaces of their own, for fault injection between servers. Each host has
 * two links to bridges in the root namespace: a <em>cluster</em> link that servers route,
 * gateway and leaf over, and a <em>control</em> link that the test's clients and monitoring
 * requests use (the root namespace has an address on the control bridge only). A black-hole
 * takes a host's cluster link down on the bridge side: its packets vanish with neither RST nor
 * ICMP, as when a cable is pulled, while the test still reaches the host's servers.
 *
 * <p>Names start with a random prefix and addresses lie in one random {@code 10.213.N.0/24}
 * not in use, so runs side by side do not meet. {@link #close} deletes everything, and a
 * shutdown hook does if the JVM ends first; a test that cannot create a namespace (not root, no
 * {@code ip}) is skipped.
 */
public final class NetworkLab implements AutoCloseable {
    private static final long COMMAND_TIMEOUT_SECONDS = 10;
    private static final int MAX_HOSTS = 100;

    private final String prefix;
    private final int subnet;
    private final List<Host> hosts = new ArrayList<>();
    private final List<String> rootLinks = new ArrayList<>();
    private final Thread cleanupOnExit = new Thread(this::deleteAll, "netns-cleanup");

    /** One namespace and the addresses of its two links. */
    public record Host(String name, String namespace, String clusterAddress, String controlAddress, String clusterLink) {
    }

    private NetworkLab(String prefix, int subnet) {
        this.prefix = prefix;
        this.subnet = subnet;
    }

    /** A lab with its two bridges; skips the test unless namespaces can be made here. */
    public static NetworkLab create() throws IOException {
        assumeTrue(run(false, "id", "-u").strip().equals("0"), "network namespace tests need root");
        String prefix = String.format("jnf%04x", ThreadLocalRandom.current().nextInt(0x10000));
        String probe = prefix + "probe";
        assumeTrue(succeeds("ip", "netns", "add", probe), "`ip netns add` failed: no network namespaces here");
        run(true, "ip", "netns", "del", probe);
        NetworkLab lab = new NetworkLab(prefix, freeSubnet());
        Runtime.getRuntime().addShutdownHook(lab.cleanupOnExit);
        try {
            lab.addBridge(lab.clusterBridge(), null);
            lab.addBridge(lab.controlBridge(), lab.address(129) + "/25");
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /** A third octet that no address of the root namespace uses yet. */
    private static int freeSubnet() throws IOException {
        String addresses = run(true, "ip", "-o", "-4", "addr", "show");
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = 1 + ThreadLocalRandom.current().nextInt(254);
            if (!addresses.contains(" 10.213." + candidate + ".")) {
                return candidate;
            }
        }
        throw new IOException("no free 10.213.N.0/24 in 50 tries");
    }

    /** A new host: cluster address 10.213.N.(10+i), control address 10.213.N.(138+i). */
    public Host addHost(String name) throws IOException {
        int index = hosts.size();
        if (index >= MAX_HOSTS) {
            throw new IllegalStateException("at most " + MAX_HOSTS + " hosts");
        }
        String namespace = prefix + "n" + index;
        Host host = new Host(name, namespace, address(10 + index), address(138 + index), prefix + index + "c");
        run(true, "ip", "netns", "add", namespace);
        hosts.add(host);
        run(true, "ip", "-n", namespace, "link", "set", "lo", "up");
        addLink(host, host.clusterLink(), "c0", clusterBridge(), host.clusterAddress());
        String control = prefix + index + "m";
        addLink(host, control, "m0", controlBridge(), host.controlAddress());
        // Hosts must not reach each other over the control bridge, only the root namespace:
        // a server advertising all its addresses would otherwise be re-dialed around the partition.
        run(true, "ip", "link", "set", control, "type", "bridge_slave", "isolated", "on");
        return host;
    }

    /** Drops everything on the host's cluster link from now on, silently. */
    public void blackHole(Host host) throws IOException {
        run(true, "ip", "link", "set", host.clusterLink(), "down");
    }

    /** Brings the host's cluster link back. */
    public void heal(Host host) throws IOException {
        run(true, "ip", "link", "set", host.clusterLink(), "up");
    }

    /** {@code ip netns exec} in front of {@code command}: the command runs on the host. */
    public static List<String> onHost(Host host, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
        full.addAll(command);
        return full;
    }

    @Override
    public void close() {
        deleteAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    /**
     * Links first, newest first (veth ends, then the bridges): a deleted namespace takes the
     * veth ends in it along only once the kernel gets round to it, which was seen to take
     * longer than the test run, leaving their peers on the root side.
     */
    private synchronized void deleteAll() {
        for (int i = rootLinks.size() - 1; i >= 0; i--) {
            succeeds("ip", "link", "del", rootLinks.get(i));
        }
        rootLinks.clear();
        for (Host host : hosts) {
            succeeds("ip", "netns", "del", host.namespace());
        }
        hosts.clear();
    }

    private String clusterBridge() {
        return prefix + "c";
    }

    private String controlBridge() {
        return prefix + "m";
    }

    private String address(int last) {
        return "10.213." + subnet + "." + last;
    }

    private void addBridge(String name, String address) throws IOException {
        run(true, "ip", "link", "add", name, "type", "bridge");
        rootLinks.add(name);
        if (address != null) {
            run(true, "ip", "addr", "add", address, "dev", name);
        }
        run(true, "ip", "link", "set", name, "up");
    }

    private void addLink(Host host, String rootEnd, String hostEnd, String bridge, String address) throws IOException {
        run(true, "ip", "link", "add", rootEnd, "type", "veth", "peer", "name", hostEnd, "netns", host.namespace());
        rootLinks.add(rootEnd);
        run(true, "ip", "link", "set", rootEnd, "master", bridge, "up");
        run(true, "ip", "-n", host.namespace(), "addr", "add", address + "/25", "dev", hostEnd);
        run(true, "ip", "-n", host.namespace(), "link", "set", hostEnd, "up");
    }

    private static boolean succeeds(String... command) {
        try {
            run(true, command);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a short command; its output, or an IOException with its errors if it failed. */
    private static String run(boolean failOnError, String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": still running after "
                        + COMMAND_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": interrupted", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (failOnError && process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output);
        }
        return output;
    }
}
