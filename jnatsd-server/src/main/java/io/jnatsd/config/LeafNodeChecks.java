package io.jnatsd.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Start-up checks of the {@code leafnodes {}} block that nats-server 2.10 makes after {@code -t}
 * passed (LEAFNODES.md §2.3, texts checked against the real server): every account a leaf user or
 * a remote names must exist, and every compression mode must be one nats-server knows.
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
        for (LeafNodeOptions.Remote remote : leaf.remotes()) {
            if (remote.account() != null && !known(options, remote.account())) {
                problems.add("cannot find local account \"" + remote.account() + "\" specified in leafnode remote");
            }
            compression(remote.compression(), problems);
        }
        return problems;
    }

    private static void compression(LinkCompression compression, List<String> problems) {
        if (!compression.known()) {
            problems.add("unsupported compression mode \"" + compression.mode() + "\"");
        }
    }

    private static boolean known(ServerOptions options, String account) {
        if (account.equals("$G") || account.equals(options.systemAccount())) {
            return true;
        }
        return options.accounts().stream().anyMatch(a -> a.name().equals(account));
    }
}
