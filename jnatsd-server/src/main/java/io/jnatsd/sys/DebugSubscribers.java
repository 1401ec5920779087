package io.jnatsd.sys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.RequesterInfo;
import io.jnatsd.dispatch.RouteLink;
import io.jnatsd.dispatch.Subscription;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.server.NatsServer;
import io.jnatsd.subject.Subjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nats-server's debug service {@code $SYS.DEBUG.SUBSCRIBERS}: the body names a subject (a
 * wildcard counts the subscriptions it contains), optionally followed by a queue group, and the
 * answer is the number of subscribers of that account in the whole cluster, as a bare JSON number.
 * The account is the requester's ({@code Nats-Request-Info}'s {@code svc} or {@code acc}), or the
 * system account for a system user asking directly.
 *
 * <p>As in nats-server 2.10.27 (checked): only the server the requester is connected to takes the
 * request (its subscription is not announced); it counts its own clients' and leaf connections'
 * subscriptions, then asks {@code $SYS.REQ.ACCOUNT.NSUBS} of the servers that report connections
 * of the account, adds up their answers and replies when all have answered or after 500 ms.
 * Routed interest is not counted, so no subscriber is counted twice. Runs on the system thread.
 */
final class DebugSubscribers {
    private static final Logger LOG = LoggerFactory.getLogger(DebugSubscribers.class);
    static final String SUBJECT = "$SYS.DEBUG.SUBSCRIBERS";
    static final String COUNT_REQUEST = "$SYS.REQ.ACCOUNT.NSUBS";
    /** How long answers from the other servers are awaited (nats-server's wait). */
    private static final long REMOTE_WAIT_MILLIS = 500;

    private final NatsServer server;
    private final SystemClient client;
    private final ScheduledExecutorService timer;
    /** This server's replies to its count requests: {@code $SYS._INBOX.<token>.<n>}. */
    private final String inbox = "$SYS._INBOX." + token(8) + ".";
    private final Map<String, Gathering> gatherings = new HashMap<>();

    /** Counts of one request still coming in from the other servers. */
    private static final class Gathering {
        final String reply;
        final int expected;
        long count;
        int answers;

        Gathering(String reply, int expected, long count) {
            this.reply = reply;
            this.expected = expected;
            this.count = count;
        }
    }

    DebugSubscribers(NatsServer server, SystemClient client, ScheduledExecutorService timer) {
        this.server = server;
        this.client = client;
        this.timer = timer;
    }

    void subscribe() {
        client.subscribeLocal(SUBJECT, this::debug);
        client.subscribe(COUNT_REQUEST, this::countRequest);
        client.subscribe(inbox + "*", this::counted);
    }

    private void debug(SystemRequest request) {
        if (request.reply() == null) {
            return;
        }
        Account account = requesterAccount(request);
        if (account == null) {
            return;
        }
        String[] args = new String(request.body(), StandardCharsets.UTF_8).trim().split(" ", -1);
        String subject = args[0];
        String queue = args.length > 1 ? args[1] : null;
        long count = localSubscribers(account, subject, queue);
        int expected = server.serversWithConnections(account.name());
        if (expected == 0) {
            client.publish(request.reply(), null, Long.toString(count));
            return;
        }
        String reply = inbox + token(10);
        gatherings.put(reply, new Gathering(request.reply(), expected, count));
        ObjectNode ask = GoJson.compact().createObjectNode().put("acc", account.name()).put("subject", subject);
        if (queue != null && !queue.isEmpty()) {
            // Go writes the queue ([]byte) as base64.
            ask.put("queue", Base64.getEncoder().encodeToString(queue.getBytes(StandardCharsets.UTF_8)));
        }
        client.publishJson(COUNT_REQUEST, reply, ask);
        timer.schedule(() -> client.execute(() -> finish(reply)), REMOTE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The account whose subscribers are counted: the importer's when the request crossed an import. */
    private Account requesterAccount(SystemRequest request) {
        String info = request.header(RequesterInfo.HEADER);
        if (info == null) {
            return client.account();
        }
        try {
            JsonNode requester = GoJson.compact().readTree(info);
            String name = requester.path("svc").asText("");
            if (name.isEmpty()) {
                name = requester.path("acc").asText("");
            }
            return name.isEmpty() ? null : server.accounts().get(name);
        } catch (IOException e) {
            return null;
        }
    }

    /** Another server (or this one: its own request comes back too) asks for this server's count. */
    private void countRequest(SystemRequest request) {
        if (request.reply() == null || request.reply().startsWith(inbox)) {
            return;
        }
        try {
            JsonNode ask = GoJson.compact().readTree(request.body());
            Account account = server.accounts().get(ask.path("acc").asText(""));
            if (account == null
                    || server.accountConnections(account.name()) + server.accountLeafConnections(account.name()) == 0) {
                return;
            }
            String queue = null;
            if (ask.hasNonNull("queue")) {
                queue = new String(Base64.getDecoder().decode(ask.path("queue").asText("")), StandardCharsets.UTF_8);
            }
            long count = localSubscribers(account, ask.path("subject").asText(""), queue);
            client.publish(request.reply(), null, Long.toString(count));
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("Ignoring a malformed subscriber count request: {}", e.getMessage());
        }
    }

    private void counted(SystemRequest answer) {
        Gathering gathering = gatherings.get(answer.subject());
        if (gathering == null) {
            return;
        }
        try {
            gathering.count += Long.parseLong(new String(answer.body(), StandardCharsets.UTF_8).trim());
        } catch (NumberFormatException e) {
            LOG.debug("Ignoring a malformed subscriber count: {}", e.getMessage());
        }
        if (++gathering.answers >= gathering.expected) {
            finish(answer.subject());
        }
    }

    private void finish(String reply) {
        Gathering gathering = gatherings.remove(reply);
        if (gathering != null) {
            client.publish(gathering.reply, null, Long.toString(gathering.count));
        }
    }

    /**
     * Subscriptions of this server's clients and of leaf connections it is the hub of, on
     * {@code subject} (a wildcard: those whose subject it contains), in {@code queue} when given.
     */
    static long localSubscribers(Account account, String subject, String queue) {
        List<Subscription> candidates;
        if (isLiteral(subject)) {
            candidates = Subjects.isValidLiteralSubject(subject) ? account.subscriptions().collectMatching(subject)
                    : List.of();
        } else {
            List<Subscription> all = new ArrayList<>();
            account.subscriptions().forEach(all::add);
            candidates = all.stream().filter(s -> Subjects.isSubsetOf(s.subject(), subject)).toList();
        }
        long count = 0;
        for (Subscription subscription : candidates) {
            if ((queue == null || queue.equals(subscription.queue())) && local(subscription)) {
                count++;
            }
        }
        return count;
    }

    private static boolean local(Subscription subscription) {
        RouteLink link = subscription.route();
        if (link != null) {
            return link.leafNode() && link.receivesRoutedMessages();
        }
        return subscription.subscriber() instanceof ClientConnection;
    }

    private static boolean isLiteral(String subject) {
        for (String token : subject.split("\\.", -1)) {
            if (token.equals("*") || token.equals(">")) {
                return false;
            }
        }
        return true;
    }

    private static String token(int length) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder token = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }
}
