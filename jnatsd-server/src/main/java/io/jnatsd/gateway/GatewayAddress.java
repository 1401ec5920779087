package io.jnatsd.gateway;

import io.jnatsd.config.GatewayOptions;

/** This server's gateway URL as peers are told it: {@code advertise}, else the listen address. */
final class GatewayAddress {
    private GatewayAddress() {
    }

    static String advertised(GatewayOptions options, int listenPort) {
        if (options.advertise() != null) {
            return options.advertise();
        }
        String host = options.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = firstNonLoopbackAddress();
        }
        return host + ":" + listenPort;
    }

    /** nats-server's choice for a gateway listening on every interface without advertise. */
    private static String firstNonLoopbackAddress() {
        try {
            for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                    if (address instanceof java.net.Inet4Address && !address.isLoopbackAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (java.net.SocketException e) {
            return "127.0.0.1";
        }
        return "127.0.0.1";
    }
}
