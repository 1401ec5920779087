package io.jnatsd.server;

import io.jnatsd.config.ServerOptions;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * This server's client URLs as peers and clients learn them ({@code connect_urls}): the
 * {@code client_advertise} value, or the listen address. A wildcard listen address stands for
 * every global unicast address of the machine, IPv4 and IPv6 (loopback when it has none), in
 * nats-server's order and form: interfaces by index, each one's IPv4 addresses before its IPv6
 * ones, IPv6 compressed and in brackets ({@code [fd00::2]:4222}).
 */
final class ClientUrls {
    private ClientUrls() {
    }

    static List<String> of(ServerOptions options, int port) {
        return of(options.clientAdvertise(), options.host(), port);
    }

    /** The same for any client listener: the websocket one has its own advertise, host and port. */
    static List<String> of(String advertise, String host, int port) {
        if (advertise != null) {
            return List.of(advertise.contains(":") ? advertise : advertise + ":" + port);
        }
        if (!host.equals("0.0.0.0") && !host.equals("::") && !host.isEmpty()) {
            return List.of(host + ":" + port);
        }
        List<String> urls = new ArrayList<>();
        try {
            List<NetworkInterface> nics = Collections.list(NetworkInterface.getNetworkInterfaces());
            nics.sort(Comparator.comparingInt(NetworkInterface::getIndex));
            for (NetworkInterface nic : nics) {
                if (!nic.isUp()) {
                    continue;
                }
                List<InetAddress> addresses = Collections.list(nic.getInetAddresses());
                addresses.sort(Comparator.comparingInt(address -> address instanceof Inet4Address ? 0 : 1));
                for (InetAddress address : addresses) {
                    if (globalUnicast(address)) {
                        urls.add(hostPort(address, port));
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

    /** Go's {@code IP.IsGlobalUnicast}: not loopback, link-local, multicast or unspecified. */
    private static boolean globalUnicast(InetAddress address) {
        return !address.isLoopbackAddress() && !address.isLinkLocalAddress() && !address.isMulticastAddress()
                && !address.isAnyLocalAddress();
    }

    private static String hostPort(InetAddress address, int port) {
        String host = NetUtil.toAddressString(address);
        return address instanceof Inet6Address ? "[" + host + "]:" + port : host + ":" + port;
    }
}
