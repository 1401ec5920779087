package io.jnatsd.bench.scenario;

import io.jnatsd.bench.target.ServerGroup;
import io.jnatsd.bench.target.Topology;

/** One way of loading a server, run at one message size at a time. */
public interface Scenario {

    /** The name used on the command line and in tables. */
    String name();

    /** One line for the legend under the table. */
    String description();

    Topology topology();

    /** Runs once; never throws for server misbehaviour but reports it in the result. */
    ScenarioResult run(ServerGroup servers, String target, int payloadSize, LoadSettings settings);
}
