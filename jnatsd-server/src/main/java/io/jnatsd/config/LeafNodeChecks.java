package io.jnatsd.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Start-up checks of the {@code leafnodes {}} block that nats-server 2.10 makes after {@code -t}
 * passed (LEAFNODES.md §2.3, texts checked against the real server): every account a leaf user or
 * a remote names must exist, every compression mode must be one nats-server knows, a remote's
 * URLs must be all websocket or none, and a leaf node listener beside a gateway needs a
 * configured {@code system_account}.
 */
public final class LeafNodeChecks {
    private LeafNodeChecks() {
    }

    public static List<String> problems(ServerOptions options) {
        LeafNodeOptions leaf = options.leafnodes();
        List<String> problems = new ArrayList<>();
        if (leaf == null) {
            return problems;
        }
        for (LeafNodeOptions.LeafUser user : leaf.users()) {
            if (user.account() != null && !known(options, user.account())) {
                problems.add("cannot find local account \"" + user.account() + "\" specified in leafnode authorization");
            }
        }
        compression(leaf.compression(), problems);
        if (leaf.listening() && options.gatewayEnabled() && options.systemAccount() == null && options.operator() == null) {
            // nats-server's own $SYS comes too late for this check: only a configured one passes
            problems.add("leaf nodes and gateways (both being defined) require a system account to also be configured");
        }
        for (LeafNodeOptions.Remote remote : leaf.remotes()) {
            if (remote.account() != null && !known(options, remote.account())) {
                problems.add("cannot find local account \"" + remote.account() + "\" specified in leafnode remote");
            }
            compression(remote.compression(), problems);
            if (remote.urls().stream().map(LeafNodeOptions.Remote::websocket).distinct().count() > 1) {
                problems.add("remote leaf node configuration cannot have a mix of websocket and non-websocket urls: "
                        + goQuoted(remote.urls()));
            }
        }
        return problems;
    }

    private static void compression(LinkCompression compression, List<String> problems) {
        String problem = compression.problem();
        if (problem != null) {
            problems.add(problem);
        }
    }

    /** Go's {@code %q} of a string slice, passwords redacted as nats-server redacts them. */
    private static String goQuoted(List<java.net.URI> urls) {
        StringBuilder out = new StringBuilder("[");
        for (java.net.URI url : urls) {
            if (out.length() > 1) {
                out.append(' ');
            }
            String text = url.toString();
            String info = url.getRawUserInfo();
            if (info != null && info.contains(":")) {
                text = text.replace(info, info.substring(0, info.indexOf(':')) + ":xxxxx");
            }
            out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append(']').toString();
    }

    private static boolean known(ServerOptions options, String account) {
        if (account.equals("$G") || account.equals(options.systemAccountName())) {
            return true;
        }
        return options.accounts().stream().anyMatch(a -> a.name().equals(account));
    }
}
