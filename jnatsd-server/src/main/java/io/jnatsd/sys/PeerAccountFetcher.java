package io.jnatsd.sys;

import io.jnatsd.auth.AccountFetcher;
import io.jnatsd.auth.AccountJwtDirectory;
import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.cluster.Cluster;
import io.jnatsd.server.NatsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches an unknown account from the cluster as nats-server's directory resolvers do: a request
 * on {@code $SYS.REQ.ACCOUNT.<id>.CLAIMS.LOOKUP} that every full resolver answers with its JWT or
 * an empty message. The first JWT wins; the fetch fails when every server that may answer sent
 * an empty one ({@code account jwt not found}) or after the resolver's {@code timeout}
 * ({@code fetching jwt timed out}). A fetched JWT is checked like a pushed one, stored in the
 * directory unless it holds a newer one, and put in use before the waiting clients go on.
 * Concurrent fetches of one account share one request.
 */
final class PeerAccountFetcher implements AccountFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(PeerAccountFetcher.class);

    private final NatsServer server;
    private final AccountJwtDirectory directory;
    private final SystemClient client;
    private final ScheduledExecutorService timer;
    private final Duration timeout;
    /** Whether this server answers its own lookups (a full resolver does; the cache does not). */
    private final boolean answersItself;
    private final String inboxPrefix;
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, Pending> pendingByReply = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Boolean>> byAccount = new ConcurrentHashMap<>();

    PeerAccountFetcher(NatsServer server, AccountJwtDirectory directory, SystemClient client,
            ScheduledExecutorService timer, Duration timeout) {
        this.server = server;
        this.directory = directory;
        this.client = client;
        this.timer = timer;
        this.timeout = timeout;
        this.answersItself = !directory.isCache();
        this.inboxPrefix = "$SYS._INBOX." + server.serverId() + ".lookup.";
    }

    void subscribe() {
        client.subscribe(inboxPrefix + "*", this::answered);
    }

    @Override
    public CompletableFuture<Boolean> fetch(String account) {
        return byAccount.computeIfAbsent(account, this::request);
    }

    private CompletableFuture<Boolean> request(String account) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        String reply = inboxPrefix + requests.incrementAndGet();
        Cluster cluster = server.cluster();
        int answering = (cluster == null ? 0 : cluster.remoteCount()) + (answersItself ? 1 : 0);
        pendingByReply.put(reply, new Pending(account, result, answering));
        result.whenComplete((known, e) -> {
            pendingByReply.remove(reply);
            byAccount.remove(account, result);
        });
        timer.schedule(() -> fail(result, account, "fetching jwt timed out"), timeout.toMillis(), TimeUnit.MILLISECONDS);
        client.execute(() -> client.publish("$SYS.REQ.ACCOUNT." + account + ".CLAIMS.LOOKUP", reply, ""));
        return result;
    }

    /** One server's answer, on the system thread. */
    private void answered(SystemRequest answer) {
        Pending pending = pendingByReply.get(answer.subject());
        if (pending == null || pending.result.isDone()) {
            return;
        }
        String jwt = new String(answer.body(), StandardCharsets.UTF_8).trim();
        if (jwt.isEmpty()) {
            if (--pending.awaited <= 0) {
                fail(pending.result, pending.account, "account jwt not found");
            }
            return;
        }
        try {
            AccountClaims claims = AccountClaims.decode(jwt);
            String problem = claims.subject().equals(pending.account) ? server.accountClaimsProblem(claims)
                    : "subject does not match jwt content";
            if (problem != null) {
                LOG.warn("Account JWT lookup for {} returned an unusable JWT: {}", pending.account, problem);
                return;
            }
            directory.saveIfNewer(pending.account, jwt);
            server.accountClaimsUpdated(claims);
            pending.result.complete(true);
        } catch (JwtException | IOException e) {
            LOG.warn("Account JWT lookup for {} failed: {}", pending.account, e.getMessage());
        }
    }

    private static void fail(CompletableFuture<Boolean> result, String account, String reason) {
        if (result.complete(false)) {
            LOG.debug("Account JWT lookup error for {}: {}", account, reason);
        }
    }

    /** A fetch under way; {@code awaited} is touched on the system thread only. */
    private static final class Pending {
        final String account;
        final CompletableFuture<Boolean> result;
        int awaited;

        Pending(String account, CompletableFuture<Boolean> result, int awaited) {
            this.account = account;
            this.result = result;
            this.awaited = awaited;
        }
    }
}
