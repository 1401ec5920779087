package io.jnatsd.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks nats-server makes when it starts, not under {@code -t} (CONFIG.md §1): a file can pass
 * {@link ConfigCheck} and still fail here. Messages are nats-server's; the launcher prints them as
 * {@code jnatsd: <message>} and exits 1.
 */
public final class StartupChecks {
    private StartupChecks() {
    }

    public static List<String> problems(ServerOptions options) {
        List<String> problems = new ArrayList<>();
        if (options.maxPayload() > options.maxPending()) {
            problems.add("max_payload (" + options.maxPayload() + ") cannot be higher than max_pending ("
                    + options.maxPending() + ")");
        }
        if (options.lameDuckGracePeriod().compareTo(options.lameDuckDuration()) >= 0) {
            problems.add("lame duck grace period (" + GoDuration.format(options.lameDuckGracePeriod())
                    + ") should be strictly lower than lame duck duration ("
                    + GoDuration.format(options.lameDuckDuration()) + ")");
        }
        String noAuthUser = noAuthUserProblem(options);
        if (noAuthUser != null) {
            problems.add(noAuthUser);
        }
        operatorProblems(options, problems);
        if (options.operator() == null && options.systemAccount() != null && !options.noSystemAccount()
                && options.accounts().stream().noneMatch(a -> a.name().equals(options.systemAccount()))) {
            // nats-server creates its $SYS only when none is named; a named one must be in accounts {}
            problems.add("error resolving system account: account missing");
        }
        ClusterOptions cluster = options.cluster();
        if (cluster != null) {
            if (!CompressionModes.isKnown(cluster.compression())) {
                problems.add("unsupported compression mode \"" + cluster.compression() + "\"");
            } else {
                String thresholds = LinkCompression.thresholdsProblem(cluster.compression(), cluster.compressionRttThresholds());
                if (thresholds != null) {
                    problems.add(thresholds);
                }
            }
            if (cluster.poolSize() < 0 && !cluster.pinnedAccounts().isEmpty()) {
                problems.add("pool_size cannot be negative if pinned accounts are specified");
            }
        }
        problems.addAll(GatewayChecks.problems(options));
        problems.addAll(LeafNodeChecks.problems(options));
        problems.addAll(WebsocketChecks.problems(options));
        return problems;
    }

    /** no_auth_user must name a user of the users lists (authorization or accounts). */
    private static String noAuthUserProblem(ServerOptions options) {
        return options.noAuthUser() == null ? null : noAuthUserProblem(options, options.noAuthUser());
    }

    /** nats-server's texts when {@code name} (a server's or a websocket block's no_auth_user) names no listed user. */
    static String noAuthUserProblem(ServerOptions options, String name) {
        List<UserOptions> users = new ArrayList<>(options.authorization().users());
        options.accounts().forEach(a -> users.addAll(a.users()));
        if (users.isEmpty()) {
            return "no_auth_user: \"" + name + "\" present, but users/nkeys are not defined";
        }
        if (users.stream().noneMatch(u -> name.equals(u.user()) || name.equals(u.nkey()))) {
            return "no_auth_user: \"" + name + "\" not present as user or nkey in authorization block or account configuration";
        }
        return null;
    }

    /** Operator mode takes users and accounts only from JWTs (nats-server's start-up errors). */
    private static void operatorProblems(ServerOptions options, List<String> problems) {
        OperatorOptions operator = options.operator();
        if (operator == null) {
            return;
        }
        if (options.authorization().configured()) {
            problems.add("operators do not allow users to be configured directly");
        }
        if (!options.accounts().isEmpty()) {
            problems.add("operators do not allow Accounts to be configured directly");
        }
        if (operator.resolver() == null) {
            problems.add("operator mode needs an account resolver; jnatsd supports resolver: MEMORY");
        }
        String system = options.systemAccountName();
        if (system != null && !ServerOptions.DEFAULT_SYSTEM_ACCOUNT.equals(system)
                && !operator.preload().containsKey(system)) {
            problems.add("error resolving system account: account missing");
        }
    }
}
