package io.jnatsd.launcher;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The URLs a listener can be reached at, as nats-server writes them in the ports file: the
 * bound host itself, or for a wildcard host every address of every interface that is up,
 * IPv6 in brackets, compressed and without zone.
 */
final class ListenUrls {

    private ListenUrls() {
    }

    static List<String> of(String scheme, String host, int port) {
        List<String> urls = new ArrayList<>();
        for (String address : addresses(host)) {
            urls.add(scheme + "://" + address + ":" + port);
        }
        return urls;
    }

    private static List<String> addresses(String host) {
        if (!isWildcard(host)) {
            return List.of(host.contains(":") ? "[" + host + "]" : host);
        }
        List<String> addresses = new ArrayList<>();
        try {
            List<NetworkInterface> interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
            interfaces.sort(Comparator.comparingInt(NetworkInterface::getIndex));
            for (NetworkInterface networkInterface : interfaces) {
                if (networkInterface.isUp()) {
                    addAddresses(networkInterface, addresses);
                }
            }
        } catch (SocketException e) {
            return List.of(host);
        }
        return addresses.isEmpty() ? List.of(host) : addresses;
    }

    /** IPv4 addresses of an interface first, then IPv6, as nats-server lists them. */
    private static void addAddresses(NetworkInterface networkInterface, List<String> addresses) {
        List<InetAddress> all = Collections.list(networkInterface.getInetAddresses());
        for (InetAddress address : all) {
            if (!(address instanceof Inet6Address)) {
                addresses.add(address.getHostAddress());
            }
        }
        for (InetAddress address : all) {
            if (address instanceof Inet6Address) {
                addresses.add("[" + compressedIpv6(address.getAddress()) + "]");
            }
        }
    }

    private static boolean isWildcard(String host) {
        return host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /** RFC 5952 text: lower-case hex groups, the longest run of two or more zero groups as "::". */
    static String compressedIpv6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
