package io.jnatsd.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Start-up checks of the {@code gateway {}} block, nats-server 2.10's own (GATEWAYS.md §1.2, texts
 * verified against the real server). Gateway options jnatsd does not implement are refused when the
 * file is read ({@link UnsupportedOptions}), so {@code -t} reports them too.
 */
public final class GatewayChecks {
    private GatewayChecks() {
    }

    public static List<String> problems(ServerOptions options) {
        GatewayOptions gateway = options.gateway();
        List<String> problems = new ArrayList<>();
        if (gateway == null) {
            return problems;
        }
        if (gateway.name() == null || gateway.name().isEmpty()) {
            problems.add("gateway has no name");
            return problems;
        }
        if (gateway.port() == 0) {
            problems.add("gateway \"" + gateway.name() + "\" has no port specified (select -1 for random port)");
        }
        ClusterOptions cluster = options.cluster();
        if (cluster != null && cluster.name() != null && !cluster.name().equals(gateway.name())) {
            problems.add("cluster name conflicts between cluster and gateway definitions");
        }
        for (int i = 0; i < gateway.gateways().size(); i++) {
            GatewayOptions.RemoteGateway remote = gateway.gateways().get(i);
            if (remote.name() == null || remote.name().isEmpty()) {
                problems.add("gateway in the list " + i + " has no name");
            } else if (remote.urls().isEmpty()) {
                problems.add("gateway \"" + remote.name() + "\" has no URL");
            }
        }
        return problems;
    }

}
