package io.jnatsd.sys;

import io.jnatsd.auth.AccountJwtDirectory;
import io.jnatsd.config.OperatorOptions;
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
 * ({@link ServerRequests}), the full account resolver's ({@link ResolverRequests}) and the
 * connection advisories ({@link ConnectionAdvisories}), all through one internal client. Start it after the server is listening and before it joins its
 * cluster, so its interest is part of what routes learn first.
 */
public final class SystemAccount implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemAccount.class);

    private final NatsServer server;
    private final SystemClient client;
    /** The full resolver's periodic sync with its peers; null without a full resolver. */
    private final ScheduledExecutorService resolverSync;

    private SystemAccount(NatsServer server, SystemClient client, ScheduledExecutorService resolverSync) {
        this.server = server;
        this.client = client;
        this.resolverSync = resolverSync;
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
        new ServerRequests(server, documents, client, header).subscribe();
        AccountConnectionCounts counts = new AccountConnectionCounts(server, client, header,
                new ConnectionAdvisories(client, header));
        counts.subscribe();
        server.connectionEvents(counts);
        return new SystemAccount(server, client, startResolver(server, client, header));
    }

    /** The full resolver's requests and its sync every {@code interval}; null without a full resolver. */
    private static ScheduledExecutorService startResolver(NatsServer server, SystemClient client, ServerInfoHeader header) {
        OperatorOptions operator = server.options().operator();
        if (operator == null || operator.directory() == null) {
            return null;
        }
        AccountJwtDirectory directory;
        try {
            directory = new AccountJwtDirectory(operator.directory());
        } catch (IOException e) {
            LOG.error("Account resolver directory {} cannot be used: {}", operator.directory().dir(), e.getMessage());
            return null;
        }
        ResolverRequests requests = new ResolverRequests(server, directory, client, header);
        requests.subscribe();
        ScheduledExecutorService sync = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jnatsd-resolver-sync");
            thread.setDaemon(true);
            return thread;
        });
        long every = operator.directory().interval().toMillis();
        sync.scheduleAtFixedRate(requests::sync, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Managing all jwt in exclusive directory {}", directory.dir().toAbsolutePath());
        return sync;
    }

    @Override
    public void close() {
        if (resolverSync != null) {
            resolverSync.shutdownNow();
        }
        server.connectionEvents(null);
        client.stop();
    }
}
