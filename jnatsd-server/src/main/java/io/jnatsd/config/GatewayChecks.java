package io.jnatsd.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Start-up checks of the {@code gateway {}} block: nats-server 2.10's own (GATEWAYS.md §1.2, texts
 * verified against the real server) and, failing closed, every option that would restrict access
 * but that jnatsd does not implement yet: such a server refuses to start rather than run more open
 * than its configuration says.
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
            if (remote.tls() != null) {
                problems.add(notSupported("tls of remote gateway \"" + remote.name() + "\""));
            }
        }
        if (gateway.tls() != null) {
            problems.add(notSupported("gateway tls"));
        }
        if (gateway.authPermissions()) {
            problems.add(notSupported("gateway authorization permissions"));
        }
        return problems;
    }

    private static String notSupported(String option) {
        return option + " is not supported by jnatsd yet: refusing to start without it";
    }
}
