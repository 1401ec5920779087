package io.jnatsd.sys;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer every resolver request gets in nats-server: {@code data} with code 200 and a
 * message, or {@code error} with code 500 and a description, beside the answering server; the
 * same text is logged (at debug level for a success, error level for a failure).
 */
final class ResolverAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(ResolverAnswers.class);

    private final SystemClient client;
    private final ServerInfoHeader header;

    ResolverAnswers(SystemClient client, ServerInfoHeader header) {
        this.client = client;
        this.header = header;
    }

    /** {@code account} may be null (delete requests name none). */
    void respond(String reply, String account, String message, String error) {
        String shown = account == null ? "" : " - " + account;
        if (error == null) {
            LOG.debug("{}{}", message, shown);
        } else {
            LOG.error("{}{} - {}", message, shown, error);
        }
        if (reply == null) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (account != null) {
            body.put("account", account);
        }
        body.put("code", error == null ? 200 : 500);
        if (error == null) {
            body.put("message", message);
        } else {
            body.put("description", message + " - " + error);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put(error == null ? "data" : "error", body);
        document.put("server", header.next());
        answer(reply, document);
    }

    void answer(String reply, Object document) {
        client.publishJson(reply, document);
    }

    ServerInfoHeader header() {
        return header;
    }
}
