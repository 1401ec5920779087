package io.jnatsd.sys;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.auth.AuthResult;
import io.jnatsd.client.ClientConnection;
import io.jnatsd.config.Permissions;
import io.jnatsd.config.ResponsePermission;
import io.jnatsd.config.SubjectPermission;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.server.NatsServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code $SYS.REQ.USER.<account>.INFO}, which a user reaches by asking {@code $SYS.REQ.USER.INFO}
 * in its own account (see {@link SystemImports}): nats-server's answer names the user and its
 * account and, for the requester's own connection on this server, its permissions and how long
 * its credentials stay valid. Who asked comes from the {@code Nats-Request-Info} header the
 * import wrote (a requester cannot forge it); the subscription is this server's own, so only the
 * requester's server answers.
 */
final class UserInfoRequests {
    private static final String SUBJECT = "$SYS.REQ.USER.*.INFO";

    private final NatsServer server;
    private final SystemClient client;
    private final MonitorReplies replies;

    UserInfoRequests(NatsServer server, SystemClient client, ServerInfoHeader header) {
        this.server = server;
        this.client = client;
        this.replies = new MonitorReplies(client, header);
    }

    void subscribe() {
        client.subscribeLocal(SUBJECT, this::answer);
    }

    private void answer(SystemRequest request) {
        Map<String, Object> reply = replies.reply();
        JsonNode requester;
        try {
            String info = request.header("Nats-Request-Info");
            requester = info == null ? GoJson.compact().createObjectNode() : GoJson.compact().readTree(info);
        } catch (IOException e) {
            reply.put("error", SystemRequest.error(400, e.getMessage()));
            replies.answer(request, reply);
            return;
        }
        String account = requester.path("acc").asText("");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user", requester.path("user").asText(""));
        data.put("account", account);
        AuthResult identity = identity(requester.path("id").asLong(-1), account);
        if (identity != null) {
            if (identity.permissions() != null) {
                data.put("permissions", permissions(identity.permissions()));
            }
            if (identity.expires() != null) {
                // nats-server: the time left, in whole seconds, as nanoseconds.
                long seconds = Math.max(0, Duration.between(Instant.now(), identity.expires()).getSeconds());
                data.put("expires", Duration.ofSeconds(seconds).toNanos());
            }
        }
        reply.put("data", data);
        replies.answer(request, reply);
    }

    /** The identity of the requesting client, when it is connected here in that account. */
    private AuthResult identity(long cid, String account) {
        for (ClientConnection connection : server.clients()) {
            if (connection.id() == cid) {
                AuthResult identity = connection.identity();
                return identity != null && account.equals(connection.accountName()) ? identity : null;
            }
        }
        return null;
    }

    /** nats-server's Permissions: both subject sides always, {@code responses} when allowed. */
    private static Map<String, Object> permissions(Permissions permissions) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("publish", side(permissions.publish()));
        out.put("subscribe", side(permissions.subscribe()));
        ResponsePermission responses = permissions.allowResponses();
        if (responses != null) {
            Map<String, Object> allowed = new LinkedHashMap<>();
            allowed.put("max", responses.maxMsgs());
            allowed.put("ttl", responses.expires().toNanos());
            out.put("responses", allowed);
        }
        return out;
    }

    private static Map<String, Object> side(SubjectPermission permission) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (permission != null) {
            putIfAny(out, "allow", permission.allow());
            putIfAny(out, "deny", permission.deny());
        }
        return out;
    }

    private static void putIfAny(Map<String, Object> out, String name, List<String> subjects) {
        if (!subjects.isEmpty()) {
            out.put(name, subjects);
        }
    }
}
