package io.jnatsd.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A JWT's {@code src}: the networks (CIDR) a user may connect from. No list allows any address;
 * an entry that is not a CIDR matches nothing, so a typo never opens the door.
 */
final class SourceNetworks {
    private SourceNetworks() {
    }

    static boolean allows(List<String> cidrs, InetAddress address) {
        if (cidrs.isEmpty()) {
            return true;
        }
        if (address == null) {
            return false;
        }
        for (String cidr : cidrs) {
            if (contains(cidr, address)) {
                return true;
            }
        }
        return false;
    }

    static boolean contains(String cidr, InetAddress address) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return false;
        }
        byte[] network;
        int prefix;
        try {
            String host = cidr.substring(0, slash);
            // Only literal addresses: a host name here must never cause a DNS lookup.
            if (!host.matches("[0-9a-fA-F:.]+")) {
                return false;
            }
            network = InetAddress.getByName(host).getAddress();
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length || prefix < 0 || prefix > network.length * 8) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((network[bit / 8] & mask) != (candidate[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
