/**
 * The servers a benchmark runs against.
 *
 * <pre>
 *  Target ──open(Topology)──▶ ServerGroup ──address(i), pids()──▶ scenarios
 *   ├ ExternalTarget   servers already running (--url): nothing started, nothing stopped
 *   └ LaunchedTarget   bin/jnatsd or nats-server started as child processes on free ports
 *                      (ServerProcess each; ready = INFO on the client port; a cluster is
 *                      ready once every /routez shows the full mesh, RouteMesh)
 * </pre>
 *
 * jnatsd and nats-server take the same flags, so one {@link io.jnatsd.bench.target.LaunchedTarget}
 * starts either. {@link io.jnatsd.bench.target.ProcessStats} reads the CPU and memory figures
 * of a server process from {@code /proc}. A {@link io.jnatsd.bench.target.RouteVariant} (route
 * compression, route TLS with {@link io.jnatsd.bench.target.RouteCertificates}) makes launched
 * cluster members read a {@code cluster {}} block from a file; a
 * {@link io.jnatsd.bench.target.ByteCountingProxy} between B and A counts route bytes on the wire.
 */
package io.jnatsd.bench.target;
