/**
 * Start-up and interest propagation, timed from outside ({@code bin/bench startup}).
 *
 * <pre>
 *  StartupScenarios ─┬─ StartProbe     launch one server, connect every ms until INFO; CONNECT+PING to PONG
 *                    ├─ MeshProbe      launch three at once, publish between all pairs until each delivered
 *                    └─ InterestProbe  meshed cluster: SUB+PING on A while C publishes, until A delivers
 *  LineClient: one protocol line at a time; StartedProcess: a launched server; StartupFigures: the table
 * </pre>
 */
package io.jnatsd.bench.startup;
