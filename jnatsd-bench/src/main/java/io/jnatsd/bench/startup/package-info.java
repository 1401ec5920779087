/**
 * Start-up and interest propagation, timed from outside ({@code bin/bench startup}).
 *
 * <pre>
 *  StartupScenarios ─┬─ StartProbe     launch one server, connect every ms until INFO; CONNECT+PING to PONG
 *                    ├─ MeshProbe      launch three at once, publish between all pairs until each delivered
 *                    ├─ InterestProbe  meshed cluster: SUB+PING on A while C publishes, until A delivers;
 *                    │                 UNSUB on A while C sends requests, until C gets no responders
 *                    └─ RouteUpProbe   meshed cluster, B-A route through a relay: cut it, from B's new
 *                                      connection until A delivers B's messages again
 *  LineClient: one protocol line at a time; PacedPublisher: one PUB every 20 us on its own thread;
 *  StartedProcess: a launched server; StartupFigures: the table
 * </pre>
 */
package io.jnatsd.bench.startup;
