package io.jnatsd.sys;

import com.fasterxml.jackson.databind.node.NullNode;
import io.jnatsd.monitor.BadRequestException;
import io.jnatsd.monitor.MonitorDocuments;
import java.util.List;
import java.util.Map;

/**
 * The per-account requests of the system account, answered as nats-server 2.10.27 answers them:
 *
 * <ul>
 *   <li>{@code $SYS.REQ.ACCOUNT.<id>.CONNZ} and {@code .SUBSZ}: {@code /connz} and {@code /subsz}
 *       of that account only (with the subscription list);</li>
 *   <li>{@code .INFO}: the account's {@code /accountz} detail;</li>
 *   <li>{@code .STATZ}: its {@code /accstatz} entry, and no answer at all while it has no
 *       connections (unless {@code include_unused});</li>
 *   <li>{@code .JSZ}: the error nats-server sends without JetStream;</li>
 *   <li>{@code .LEAFZ}: {@code /leafz} of that account's leaf connections;</li>
 *   <li>{@code $SYS.REQ.ACCOUNT.PING.STATZ}: every account with connections (or those named in
 *       {@code accounts}), from every server that has one.</li>
 * </ul>
 *
 * Each answer carries the answering server, as the server requests do. Only {@code STATZ} treats
 * {@code PING} specially; for the others it names an account like any other (an unknown one:
 * empty documents, or the INFO error), as in nats-server 2.10.27. A user of any account reaches
 * its own account's {@code CONNZ} and {@code STATZ} through {@link SystemImports}.
 */
final class AccountRequests {
    private static final String PREFIX = "$SYS.REQ.ACCOUNT.";

    private final MonitorDocuments documents;
    private final SystemClient client;
    private final MonitorReplies replies;

    AccountRequests(MonitorDocuments documents, SystemClient client, ServerInfoHeader header) {
        this.documents = documents;
        this.client = client;
        this.replies = new MonitorReplies(client, header);
    }

    void subscribe() {
        client.subscribe(PREFIX + "*.CONNZ", request -> data(request, (account, options) -> {
            Map<String, String> query = options.connzQuery();
            query.put("acc", account);
            return documents.connz(query);
        }));
        client.subscribe(PREFIX + "*.SUBSZ", request -> data(request, (account, options) -> {
            Map<String, String> query = options.subszQuery();
            query.put("acc", account);
            query.put("subs", "1");
            return documents.subsz(query);
        }));
        client.subscribe(PREFIX + "*.INFO", this::info);
        client.subscribe(PREFIX + "*.JSZ", this::noJetStream);
        client.subscribe(PREFIX + "*.STATZ", request -> statz(request, List.of(account(request))));
        client.subscribe(PREFIX + "PING.STATZ", request -> statz(request, null));
        client.subscribe(PREFIX + "*.LEAFZ", this::leafz);
    }

    /**
     * {@code .LEAFZ}: {@code /leafz} of the account's leaf connections, the subject's account
     * overriding an {@code account} option. nats-server has no ping form of it: {@code PING.LEAFZ}
     * is answered as the account named "PING" (no leafs).
     */
    private void leafz(SystemRequest request) {
        RequestOptions options = replies.options(request);
        if (options == null) {
            return;
        }
        replies.data(request, () -> {
            Map<String, String> query = options.leafzQuery();
            query.put("acc", account(request));
            return documents.leafz(query);
        });
    }

    private void statz(SystemRequest request, List<String> accounts) {
        if (PREFIX.concat("PING.STATZ").equals(request.subject()) && accounts != null) {
            return; // the wildcard subscription also sees PING; the PING subscription answers it
        }
        RequestOptions options = replies.options(request);
        if (options == null) {
            return;
        }
        Object statz = documents.accountStatz(accounts == null ? options.accounts() : accounts, options.includeUnused());
        if (statz != null) {
            Map<String, Object> reply = replies.reply();
            reply.put("data", statz);
            replies.answer(request, reply);
        }
    }

    private void noJetStream(SystemRequest request) {
        Map<String, Object> reply = replies.reply();
        reply.put("data", NullNode.getInstance());
        reply.put("error", SystemRequest.error(500, "jetstream not enabled"));
        replies.answer(request, reply);
    }

    /** The account's detail; nats-server answers an account it does not know (PING included) with an error. */
    private void info(SystemRequest request) {
        if (replies.options(request) == null) {
            return;
        }
        String account = account(request);
        Object info = documents.accountInfo(account);
        if (info != null) {
            replies.data(request, () -> info);
            return;
        }
        Map<String, Object> reply = replies.reply();
        reply.put("data", NullNode.getInstance());
        reply.put("error", SystemRequest.error(500, "Account " + account + " does not exist"));
        replies.answer(request, reply);
    }

    /** {@code PING} is no wildcard here: nats-server answers it as the name of an unknown account. */
    private void data(SystemRequest request, Document document) {
        RequestOptions options = replies.options(request);
        if (options == null) {
            return;
        }
        replies.data(request, () -> document.build(account(request), options));
    }

    private static String account(SystemRequest request) {
        String subject = request.subject();
        int end = subject.indexOf('.', PREFIX.length());
        return end < 0 ? "" : subject.substring(PREFIX.length(), end);
    }

    @FunctionalInterface
    private interface Document {
        Object build(String account, RequestOptions options) throws BadRequestException, RequestOptions.InvalidOptionsException;
    }
}
