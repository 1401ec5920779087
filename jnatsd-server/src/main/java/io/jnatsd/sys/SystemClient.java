package io.jnatsd.sys;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.FlushBatch;
import io.jnatsd.dispatch.MessageRouter;
import io.jnatsd.dispatch.Subscriber;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.PlainDocumentWriter;
import io.jnatsd.protocol.PlainJson;
import io.jnatsd.server.NatsServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system account's internal client: its subscriptions sit in the account's subject index
 * like a client's and are announced to routes, so a request published anywhere in the cluster
 * reaches every server. Deliveries arrive on any event loop; they are copied and answered on one
 * thread of their own ({@code jnatsd-sys}), so building a large {@code /connz} never stalls
 * message traffic, and advisories keep the order of the events behind them.
 *
 * <p>Hazard: the work queue is bounded; under a flood of requests the excess is dropped (and
 * logged), as nats-server's internal send queue warns and sheds.
 */
final class SystemClient implements Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(SystemClient.class);
    private static final int QUEUE_CAPACITY = 4096;

    private final NatsServer server;
    private final Account account;
    private final MessageRouter router;
    private final ThreadPoolExecutor worker;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Set<Subscription> localOnly = ConcurrentHashMap.newKeySet();
    /** Set once this server has announced lame duck mode: from then on it sends nothing. */
    private volatile boolean silent;

    SystemClient(NatsServer server, Account account) {
        this.server = server;
        this.account = account;
        this.router = server.router();
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                    Thread thread = new Thread(runnable, "jnatsd-sys");
                    thread.setDaemon(true);
                    return thread;
                }, (task, executor) -> LOG.warn("System account queue is full: dropping work"));
    }

    Account account() {
        return account;
    }

    /** Subscribes on behalf of this server; {@code handler} runs on the system thread. */
    void subscribe(String subject, Consumer<SystemRequest> handler) {
        Subscription subscription = new Subscription(new Handler(handler), subject, null,
                "sys" + (subscriptions.size() + 1));
        subscriptions.add(subscription);
        account.subscriptions().insert(subscription);
        server.interestAdded(account, subscription);
    }

    /**
     * Subscribes on behalf of this server without telling the routes: for requests only this
     * server can answer (a local client's own user info).
     */
    void subscribeLocal(String subject, Consumer<SystemRequest> handler) {
        Subscription subscription = new Subscription(new Handler(handler), subject, null,
                "sys" + (subscriptions.size() + 1));
        subscriptions.add(subscription);
        localOnly.add(subscription);
        account.subscriptions().insert(subscription);
    }

    /** Runs {@code work} on the system thread (unless stopping). */
    void execute(Runnable work) {
        if (!worker.isShutdown()) {
            worker.execute(work);
        }
    }

    /**
     * Whether a message published on {@code subject} now would reach anyone: a subscriber on this
     * server (this client's own included), on a route or leaf peer, or in another cluster.
     */
    boolean hasInterest(String subject) {
        return router.hasInterest(account, subject);
    }

    /** Publishes a message in the system account, as a client of this server would. */
    void publish(String subject, String reply, String payload) {
        publish(subject, reply, payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Publishes a document as nats-server's compact JSON (answers, advisories). A document that
     * cannot be written is logged and dropped: the system client never throws at its callers.
     */
    void publishJson(String subject, Object document) {
        publishJson(subject, null, document);
    }

    /**
     * As {@link #publishJson(String, Object)}, as a request with that reply subject. Documents of
     * maps, lists, strings and numbers (headers, heartbeats, counts) are written without the
     * mapper, byte for byte the same ({@link PlainDocumentWriter}).
     */
    void publishJson(String subject, String reply, Object document) {
        String json;
        try {
            json = PlainDocumentWriter.write(document);
        } catch (PlainJson.NotPlain notPlain) {
            try {
                json = GoJson.compact().writeValueAsString(document);
            } catch (JsonProcessingException e) {
                LOG.warn("Cannot publish {}: {}", subject, e.toString());
                return;
            }
        }
        publish(subject, reply, json);
    }

    /**
     * From now on nothing is published: nats-server's LAMEDUCK event is the last message its
     * internal sender takes, so a lame duck answers no request, sends no heartbeat, advisory or
     * SHUTDOWN event, while it still receives (a resolver still stores pushed JWTs).
     */
    void silence() {
        silent = true;
    }

    /** Publishes a binary payload (a resolver's directory hash). */
    void publish(String subject, String reply, byte[] payload) {
        if (silent) {
            return;
        }
        MessageFrame frame = frame(subject, reply, payload);
        FlushBatch batch = FlushBatch.current();
        try {
            router.route(account, frame, this, false, batch);
        } finally {
            batch.flush();
        }
    }

    /** Withdraws the subscriptions and stops the system thread. */
    void stop() {
        for (Subscription subscription : subscriptions) {
            account.subscriptions().remove(subscription);
            if (!localOnly.contains(subscription)) {
                server.interestRemoved(account, subscription);
            }
        }
        subscriptions.clear();
        worker.shutdownNow();
    }

    private static MessageFrame frame(String subject, String reply, byte[] payload) {
        byte[] subjectBytes = subject.getBytes(StandardCharsets.UTF_8);
        byte[] replyBytes = reply == null ? new byte[0] : reply.getBytes(StandardCharsets.UTF_8);
        ByteBuf buffer = Unpooled.buffer(subjectBytes.length + replyBytes.length + payload.length);
        buffer.writeBytes(subjectBytes).writeBytes(replyBytes).writeBytes(payload);
        return new MessageFrame().set(buffer, subject, 0, subjectBytes.length, subjectBytes.length,
                reply == null ? -1 : replyBytes.length, -1, subjectBytes.length + replyBytes.length,
                payload.length);
    }

    /** The client itself only publishes; it never receives as a publisher's echo target. */
    @Override
    public boolean deliver(Subscription subscription, MessageFrame message, FlushBatch batch) {
        return false;
    }

    @Override
    public void subscriptionExpired(Subscription subscription) {
    }

    /** One subscription's receiver: copies the request and queues its handling. */
    private final class Handler implements Subscriber {
        private final Consumer<SystemRequest> handler;

        Handler(Consumer<SystemRequest> handler) {
            this.handler = handler;
        }

        @Override
        public boolean deliver(Subscription subscription, MessageFrame message, FlushBatch batch) {
            int headerBytes = message.hasHeaders() ? message.headerSize() : 0;
            byte[] body = new byte[message.totalSize() - headerBytes];
            message.buffer().getBytes(message.payloadStart() + headerBytes, body);
            String headers = headerBytes == 0 ? ""
                    : message.buffer().toString(message.payloadStart(), headerBytes, StandardCharsets.UTF_8);
            SystemRequest request = new SystemRequest(message.subject(), message.reply(), body, headers);
            execute(() -> handler.accept(request));
            return true;
        }

        @Override
        public void subscriptionExpired(Subscription subscription) {
        }
    }
}
