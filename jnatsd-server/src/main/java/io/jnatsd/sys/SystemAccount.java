package io.jnatsd.sys;

import io.jnatsd.auth.AccountJwtDirectory;
import io.jnatsd.config.OperatorOptions;
import io.jnatsd.config.ResolverDirectoryOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.monitor.MonitorDocuments;
import io.jnatsd.server.NatsServer;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system account's services on one server: the requests every server answers
 * ({@link ServerRequests}), the services every account imports ({@link SystemImports},
 * {@link UserInfoRequests}), the directory resolver's ({@link ResolverRequests},
 * {@link ResolverDeletes}, {@link PeerAccountFetcher}), the connection advisories and counts
 * ({@link ConnectionAdvisories}, {@link AccountConnectionCounts}), the servers' heartbeats
 * ({@link ServerPresence}) and the subscriber count ({@link DebugSubscribers}), all through one
 * internal client. Start it after the server is listening and before it joins its
 * cluster, so its interest is part of what routes learn first.
 */
public final class SystemAccount implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemAccount.class);

    private final NatsServer server;
    private final SystemClient client;
    /** The directory resolver's timer (sync or sweep, and fetch timeouts); null without one. */
    private final ScheduledExecutorService resolverTimer;
    /** How often the cache looks for expired JWTs (nats-server checks as often). */
    private static final long CACHE_SWEEP_MILLIS = 1000;
    /** The system services every account imports; set once started. */
    private SystemImports systemImports;

    /** Heartbeats, the orphan sweep and account count heartbeats; they hand their work to the system thread. */
    private final ScheduledExecutorService eventTimer;

    private SystemAccount(NatsServer server, SystemClient client, ScheduledExecutorService resolverTimer,
                          ScheduledExecutorService eventTimer) {
        this.server = server;
        this.client = client;
        this.resolverTimer = resolverTimer;
        this.eventTimer = eventTimer;
    }

    /**
     * Subscribes the system client and listens to connections.
     *
     * @return null when the server runs without a system account
     */
    public static SystemAccount start(NatsServer server, MonitorDocuments documents) {
        String name = server.options().systemAccountName();
        Account account = name == null ? null : server.accounts().get(name);
        if (account == null) {
            return null;
        }
        SystemClient client = new SystemClient(server, account);
        ServerInfoHeader header = new ServerInfoHeader(server);
        RemoteServers remotes = new RemoteServers(System::nanoTime);
        ScheduledExecutorService eventTimer = daemonTimer("jnatsd-sys-timer");
        ServerPresence presence = new ServerPresence(server, documents, client, header, remotes, eventTimer);
        new ServerRequests(server, documents, client, header, remotes, presence).subscribe();
        new AccountRequests(documents, client, header).subscribe();
        AccountConnectionCounts counts = new AccountConnectionCounts(server, client, header,
                new ConnectionAdvisories(client, header), presence, eventTimer);
        counts.subscribe();
        presence.start();
        new DebugSubscribers(server, client, eventTimer).subscribe();
        server.connectionEvents(counts);
        server.accountRegistered(counts::requestCounts);
        server.shutdownAnnouncement(() -> {
            counts.stop();
            presence.announceShutdown();
        });
        server.lameDuckAnnouncement(presence::announceLameDuck);
        SystemAccount started = new SystemAccount(server, client, startResolver(server, client, header), eventTimer);
        started.startSystemImports(account, header);
        return started;
    }

    private static ScheduledExecutorService daemonTimer(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The directory resolver's requests, its fetches of unknown accounts, and its timer: the full
     * resolver's sync every {@code interval}, or the cache's sweep of expired JWTs; null without
     * a directory resolver.
     */
    private static ScheduledExecutorService startResolver(NatsServer server, SystemClient client, ServerInfoHeader header) {
        OperatorOptions operator = server.options().operator();
        if (operator == null || operator.directory() == null) {
            return null;
        }
        ResolverDirectoryOptions options = operator.directory();
        AccountJwtDirectory directory;
        try {
            directory = new AccountJwtDirectory(options);
        } catch (IOException e) {
            LOG.error("Account resolver directory {} cannot be used: {}", options.dir(), e.getMessage());
            return null;
        }
        ScheduledExecutorService timer = daemonTimer("jnatsd-resolver");
        ResolverAnswers answers = new ResolverAnswers(client, header);
        ResolverRequests requests = new ResolverRequests(server, directory, client, answers);
        requests.subscribe();
        new ResolverDeletes(server, directory, client, answers,
                options.delete() != ResolverDirectoryOptions.DeleteMode.NONE).subscribe();
        PeerAccountFetcher fetcher = new PeerAccountFetcher(server, directory, client, timer, options.timeout());
        fetcher.subscribe();
        server.accountFetcher(fetcher);
        if (directory.isCache()) {
            timer.scheduleWithFixedDelay(() -> expire(directory), CACHE_SWEEP_MILLIS, CACHE_SWEEP_MILLIS,
                    TimeUnit.MILLISECONDS);
            LOG.info("Managing some jwt in exclusive directory {}", directory.dir().toAbsolutePath());
        } else {
            long every = options.interval().toMillis();
            timer.scheduleAtFixedRate(requests::sync, every, every, TimeUnit.MILLISECONDS);
            LOG.info("Managing all jwt in exclusive directory {}", directory.dir().toAbsolutePath());
        }
        return timer;
    }

    /** The imports of the system account's services into every account, and the user info they lead to. */
    private void startSystemImports(Account account, ServerInfoHeader header) {
        new UserInfoRequests(server, client, header).subscribe();
        systemImports = new SystemImports(server, account);
        systemImports.start();
    }

    private static void expire(AccountJwtDirectory directory) {
        try {
            for (String account : directory.expire()) {
                LOG.debug("DirResolver - Cached JWT of account {} expired", account);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("DirResolver - Expiring cached JWTs failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (resolverTimer != null) {
            server.accountFetcher(null);
            resolverTimer.shutdownNow();
        }
        eventTimer.shutdownNow();
        server.shutdownAnnouncement(null);
        server.lameDuckAnnouncement(null);
        server.accountRegistered(null);
        server.connectionEvents(null);
        if (systemImports != null) {
            systemImports.stop();
        }
        client.stop();
    }
}
