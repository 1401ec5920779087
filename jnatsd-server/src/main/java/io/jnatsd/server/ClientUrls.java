package io.jnatsd.server;

import io.jnatsd.config.ServerOptions;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * This server's client URLs as peers and clients learn them ({@code connect_urls}): the
 * {@code client_advertise} value, or the listen address; a wildcard listen address stands for
 * every non-loopback IPv4 address of the machine (loopback when it has no other), as in
 * nats-server.
 */
final class ClientUrls {
    private ClientUrls() {
    }

    static List<String> of(ServerOptions options, int port) {
        if (options.clientAdvertise() != null) {
            String advertise = options.clientAdvertise();
            return List.of(advertise.contains(":") ? advertise : advertise + ":" + port);
        }
        String host = options.host();
        if (!host.equals("0.0.0.0") && !host.equals("::") && !host.isEmpty()) {
            return List.of(host + ":" + port);
        }
        List<String> urls = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        urls.add(address.getHostAddress() + ":" + port);
                    }
                }
            }
        } catch (SocketException e) {
            urls.clear();
        }
        if (urls.isEmpty()) {
            urls.add("127.0.0.1:" + port);
        }
        return List.copyOf(urls);
    }
}
