package io.jnatsd.bench.target;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server the bench starts itself: {@code bin/jnatsd} or the nats-server binary, which take the
 * same flags. Each {@link #open} starts fresh processes on free ports of 127.0.0.1 and stops them
 * when the group closes.
 *
 * <p>A cluster is three servers named A, B, C in cluster "bench"; B and C are given A as their
 * seed route and learn of each other from A's gossip. A starts first and alone: its client port
 * answering proves its route port listens, and a first start of bin/jnatsd, which may build the
 * jar, is not run three times at once.
 *
 * @param executable the path (or name on the PATH) of bin/jnatsd or nats-server
 * @param logDirectory where each server's output goes, one file per server
 * <p>A {@link RouteVariant} other than the default gives each cluster member a configuration file
 * ({@code -c}) holding the {@code cluster {}} block instead of the cluster flags. A
 * {@link ByteCountingProxy}, when given, is put between B and its seed A: B dials A through it,
 * so the route traffic between A and B crosses it, while C dials A directly.
 *
 * <p>The supercluster is A and B, each a cluster of its own name with a {@code gateway {}} block
 * in its configuration file; B names A as its seed gateway and A dials back what it learns.
 * The hub-and-leaf pair is A with a {@code leafnodes {}} listener and B with A as its one remote;
 * neither has a cluster block.
 *
 * @param startTimeout how long a server may take to greet clients; the mesh gets {@link #MESH_TIMEOUT} more
 * @param routeVariant route compression and TLS of clusters
 * @param routeCertificates required when the variant asks for TLS, else null
 * @param routeProxy the relay between B and A, or null
 */
public record LaunchedTarget(String name, String executable, Path logDirectory, Duration startTimeout,
                             RouteVariant routeVariant, RouteCertificates routeCertificates,
                             ByteCountingProxy routeProxy) implements Target {

    static final Duration MESH_TIMEOUT = Duration.ofSeconds(30);
    private static final String HOST = "127.0.0.1";
    private static final String CLUSTER_NAME = "bench";

    public LaunchedTarget {
        if (routeVariant.tls() && routeCertificates == null) {
            throw new IllegalArgumentException("route TLS needs route certificates");
        }
    }

    /** A target whose clusters use the servers' default routes. */
    public LaunchedTarget(String name, String executable, Path logDirectory, Duration startTimeout) {
        this(name, executable, logDirectory, startTimeout, RouteVariant.DEFAULT, null, null);
    }

    @Override
    public ServerGroup open(Topology topology) throws IOException {
        int count = topology.serverCount();
        boolean cluster = count > 1;
        // Per server: client port, then (with more than one) route, gateway or leafnode port and monitoring port.
        List<Integer> ports = FreePorts.take(cluster ? 3 * count : count);
        List<ServerProcess> started = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + startTimeout.toNanos();
            started.add(start(topology, 0, ports));
            started.get(0).awaitReady(deadline);
            for (int i = 1; i < count; i++) {
                started.add(start(topology, i, ports));
            }
            for (ServerProcess server : started.subList(1, count)) {
                server.awaitReady(deadline);
            }
            if (topology.leafNode()) {
                String incomplete = new LeafLink(List.of(ports.get(2), ports.get(5))).await(
                    System.nanoTime() + MESH_TIMEOUT.toNanos(), () -> started.stream().allMatch(ServerProcess::isAlive));
                if (incomplete != null) {
                    throw new IOException(name + ": the leaf node did not connect: " + incomplete);
                }
            } else if (topology.gateways()) {
                List<Integer> monitorPorts = List.of(ports.get(2), ports.get(5));
                String incomplete = new GatewayMesh(monitorPorts).await(System.nanoTime() + MESH_TIMEOUT.toNanos(),
                    () -> started.stream().allMatch(ServerProcess::isAlive));
                if (incomplete != null) {
                    throw new IOException(name + ": gateways did not form: " + incomplete);
                }
            } else if (cluster) {
                List<Integer> monitorPorts = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    monitorPorts.add(ports.get(3 * i + 2));
                }
                String incomplete = new RouteMesh(monitorPorts, RouteMesh.SETTLE_TIME).await(System.nanoTime() + MESH_TIMEOUT.toNanos(),
                    () -> started.stream().allMatch(ServerProcess::isAlive));
                if (incomplete != null) {
                    System.out.println("  " + name + ": going on with incomplete route pools: " + incomplete);
                }
            }
            return new ProcessGroup(started);
        } catch (IOException | RuntimeException e) {
            started.forEach(ServerProcess::close);
            throw e;
        }
    }

    private ServerProcess start(Topology topology, int index, List<Integer> ports) throws IOException {
        int clientPort = ports.get(topology.serverCount() > 1 ? 3 * index : index);
        return ServerProcess.start(command(topology, index, ports), new InetSocketAddress(HOST, clientPort),
            logFile(topology, index, ports));
    }

    /**
     * The command line of server {@code index} of a topology, on ports laid out as {@link #open}
     * takes them from {@link FreePorts}: one per server alone, else client, route and monitoring
     * port per server. For benchmarks that start the processes themselves (start-up time).
     */
    public List<String> command(Topology topology, int index, List<Integer> ports) throws IOException {
        boolean cluster = topology.serverCount() > 1;
        String letter = String.valueOf((char) ('A' + index));
        int clientPort = ports.get(cluster ? 3 * index : index);
        List<String> command = new ArrayList<>(List.of(executable, "-a", HOST, "-p", Integer.toString(clientPort)));
        if (cluster) {
            Path configFile = logFile(topology, index, ports).resolveSibling(fileStem(topology, index, ports) + ".conf");
            command.addAll(List.of("-n", "bench-" + letter, "-m", Integer.toString(ports.get(3 * index + 2))));
            if (topology.leafNode()) {
                LeafConfigFile.write(configFile, HOST, ports.get(3 * index + 1), index == 0 ? 0 : ports.get(1));
                command.addAll(List.of("-c", configFile.toString()));
            } else if (topology.gateways()) {
                int seedGatewayPort = index == 0 ? 0 : ports.get(1);
                GatewayConfigFile.write(configFile, letter, HOST, ports.get(3 * index + 1), seedGatewayPort);
                command.addAll(List.of("-c", configFile.toString()));
            } else {
                command.addAll(clusterArguments(index, ports, configFile));
            }
        }
        return command;
    }

    /** Where server {@code index} of a topology writes its output. */
    public Path logFile(Topology topology, int index, List<Integer> ports) {
        return logDirectory.resolve(fileStem(topology, index, ports) + ".log");
    }

    private String fileStem(Topology topology, int index, List<Integer> ports) {
        boolean cluster = topology.serverCount() > 1;
        int clientPort = ports.get(cluster ? 3 * index : index);
        String shape = topology.leafNode() ? "leaf-" : topology.gateways() ? "supercluster-" : "cluster-";
        return name + "-" + (cluster ? shape + (char) ('A' + index) : "single") + "-" + clientPort;
    }

    /** Cluster flags, or {@code -c} with a file holding the cluster block when the routes need settings flags lack. */
    private List<String> clusterArguments(int index, List<Integer> ports, Path configFile) throws IOException {
        int routePort = ports.get(3 * index + 1);
        int seedPort = index == 0 ? 0 : ports.get(1);
        if (index == 1 && routeProxy != null) {
            routeProxy.forwardTo(seedPort);
            seedPort = routeProxy.port();
        }
        if (routeVariant.needsConfigFile()) {
            ClusterConfigFile.write(configFile, CLUSTER_NAME, HOST, routePort, seedPort, routeVariant, routeCertificates);
            return List.of("-c", configFile.toString());
        }
        List<String> arguments = new ArrayList<>(List.of("--cluster_name", CLUSTER_NAME,
            "--cluster", "nats://" + HOST + ":" + routePort));
        if (seedPort > 0) {
            arguments.addAll(List.of("--routes", "nats://" + HOST + ":" + seedPort));
        }
        return arguments;
    }

    /** The started processes; closing stops them all. */
    private record ProcessGroup(List<ServerProcess> servers) implements ServerGroup {

        @Override
        public List<InetSocketAddress> clientAddresses() {
            return servers.stream().map(ServerProcess::clientAddress).toList();
        }

        @Override
        public List<Long> pids() {
            return servers.stream().map(ServerProcess::pid).toList();
        }

        @Override
        public void close() {
            servers.forEach(ServerProcess::close);
        }
    }
}
