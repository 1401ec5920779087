package io.jnatsd.sys;

import io.jnatsd.auth.AccountJwtDirectory;
import io.jnatsd.auth.jwt.AccountClaims;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.server.NatsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory resolvers' requests in the system account, answered as nats-server's full and
 * cache resolvers answer them, so {@code nsc push} and nats-server peers work with jnatsd:
 *
 * <ul>
 *   <li>{@code $SYS.REQ.CLAIMS.UPDATE}, {@code $SYS.REQ.ACCOUNT.<id>.CLAIMS.UPDATE} (and the older
 *       {@code $SYS.ACCOUNT.<id>.CLAIMS.UPDATE}): an account JWT to store and use. Every server
 *       of the cluster subscribes, so one push reaches all of them and each answers. The cache
 *       takes an update only for an account it holds ({@code jwt update cache skipped}
 *       otherwise) and says {@code cache} in its answers, as nats-server's does.</li>
 *   <li>{@code $SYS.REQ.ACCOUNT.<id>.CLAIMS.LOOKUP} (full resolver only): the stored JWT, or an
 *       empty message.</li>
 *   <li>{@code $SYS.REQ.CLAIMS.LIST}: the stored account IDs.</li>
 *   <li>{@code $SYS.REQ.CLAIMS.PACK} (full resolver only): a peer's directory hash; when it differs, every stored
 *       JWT as {@code <id>|<jwt>} messages, then an empty one. This server sends its own hash
 *       every {@code interval} and merges what peers send back, which is how a server that
 *       missed a push catches up. nats-server answers in the queue group {@code responder};
 *       jnatsd subscribes without one, so its own request never lands on itself alone (it
 *       ignores its own), at the cost of every peer answering: merging twice changes nothing.</li>
 *   <li>{@code $SYS.REQ.CLAIMS.DELETE}: see {@link ResolverDeletes}.</li>
 * </ul>
 *
 * <p>An update is used only when signed by a trusted operator or one of its signing keys and
 * when it sets only limits jnatsd enforces; otherwise it is answered with an error and not
 * stored (nats-server stores it and then fails to apply it; jnatsd fails closed earlier).
 */
final class ResolverRequests {
    private static final Logger LOG = LoggerFactory.getLogger(ResolverRequests.class);
    private static final String CLAIMS_UPDATE = "$SYS.REQ.CLAIMS.UPDATE";
    private static final String CLAIMS_LIST = "$SYS.REQ.CLAIMS.LIST";
    private static final String CLAIMS_PACK = "$SYS.REQ.CLAIMS.PACK";
    private static final String ACCOUNT_PREFIX = "$SYS.REQ.ACCOUNT.";
    private static final String OLD_ACCOUNT_PREFIX = "$SYS.ACCOUNT.";

    private final NatsServer server;
    private final AccountJwtDirectory directory;
    private final SystemClient client;
    private final ResolverAnswers answers;
    private final String packInbox;
    /** nats-server's cache resolver words its update answers with "cache". */
    private final String updated;
    private final String updateError;

    ResolverRequests(NatsServer server, AccountJwtDirectory directory, SystemClient client, ResolverAnswers answers) {
        this.server = server;
        this.directory = directory;
        this.client = client;
        this.answers = answers;
        this.packInbox = "$SYS._INBOX." + server.serverId() + ".pack";
        this.updated = directory.isCache() ? "jwt updated cache" : "jwt updated";
        this.updateError = directory.isCache() ? "jwt update cache resulted in error" : "jwt update resulted in error";
    }

    void subscribe() {
        client.subscribe(CLAIMS_UPDATE, request -> update(request, null));
        client.subscribe(ACCOUNT_PREFIX + "*.CLAIMS.UPDATE", request -> update(request, token(request.subject(), 3)));
        client.subscribe(OLD_ACCOUNT_PREFIX + "*.CLAIMS.UPDATE", request -> update(request, token(request.subject(), 2)));
        client.subscribe(CLAIMS_LIST, this::list);
        if (!directory.isCache()) {
            client.subscribe(ACCOUNT_PREFIX + "*.CLAIMS.LOOKUP", this::lookup);
            client.subscribe(CLAIMS_PACK, this::pack);
            client.subscribe(packInbox, this::merge);
        }
    }

    /** Asks the peers for the JWTs this server misses (they answer only when their hash differs). */
    void sync() {
        client.execute(() -> {
            try {
                client.publish(CLAIMS_PACK, packInbox, directory.hash());
            } catch (IOException e) {
                LOG.error("DirResolver - Checking store state failed: {}", e.getMessage());
            }
        });
    }

    private void update(SystemRequest request, String subjectAccount) {
        String token = new String(request.body(), StandardCharsets.UTF_8).trim();
        AccountClaims claims;
        try {
            claims = AccountClaims.decode(token);
        } catch (JwtException e) {
            respond(request, directory.isCache() && subjectAccount != null ? subjectAccount : "n/a", updateError,
                    e.getMessage());
            return;
        }
        String account = subjectAccount == null ? claims.subject() : subjectAccount;
        if (!claims.subject().equals(account)) {
            respond(request, account, updateError, "subject does not match jwt content");
            return;
        }
        if (directory.isCache() && !server.holdsAccount(account)) {
            respond(request, account, "jwt update cache skipped", null);
            return;
        }
        String problem = store(claims);
        if (problem != null) {
            respond(request, account, updateError, problem);
        } else {
            respond(request, account, updated, null);
        }
    }

    /** Checks, stores and applies one account JWT; the reason it was refused, or null. */
    private String store(AccountClaims claims) {
        String problem = server.accountClaimsProblem(claims);
        if (problem != null) {
            return problem;
        }
        try {
            if (directory.save(claims.subject(), claims.token())) {
                server.accountClaimsUpdated(claims);
            }
        } catch (IOException e) {
            return e.getMessage();
        }
        return null;
    }

    private void lookup(SystemRequest request) {
        if (request.reply() == null) {
            return;
        }
        String account = token(request.subject(), 3);
        try {
            String jwt = directory.load(account);
            client.publish(request.reply(), null, jwt == null ? "" : jwt);
        } catch (IOException e) {
            LOG.error("DirResolver - Error looking up account \"{}\": {}", account, e.getMessage());
        }
    }

    private void list(SystemRequest request) {
        if (request.reply() == null) {
            return;
        }
        try {
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("data", new ArrayList<>(directory.all().keySet()));
            reply.put("server", answers.header().next());
            answers.answer(request.reply(), reply);
        } catch (IOException e) {
            LOG.error("list request error: {}", e.getMessage());
        }
    }

    private void pack(SystemRequest request) {
        if (request.reply() == null || request.reply().equals(packInbox)) {
            return;
        }
        try {
            if (!Arrays.equals(request.body(), directory.hash())) {
                for (Map.Entry<String, String> entry : directory.all().entrySet()) {
                    client.publish(request.reply(), null, entry.getKey() + "|" + entry.getValue());
                }
            }
            client.publish(request.reply(), null, "");
        } catch (IOException e) {
            LOG.error("DirResolver - Pack request error: {}", e.getMessage());
        }
    }

    /**
     * One message of a peer's pack: {@code <id>|<jwt>} lines, stored unless this server has the
     * same JWT or a newer one; an empty message ends the pack.
     */
    private void merge(SystemRequest request) {
        for (String line : new String(request.body(), StandardCharsets.UTF_8).split("\n")) {
            int bar = line.indexOf('|');
            if (line.isBlank() || bar < 0) {
                continue;
            }
            String account = line.substring(0, bar);
            try {
                AccountClaims claims = AccountClaims.decode(line.substring(bar + 1).trim());
                if (!claims.subject().equals(account)) {
                    continue;
                }
                String problem = server.accountClaimsProblem(claims);
                if (problem != null) {
                    LOG.error("DirResolver - Merging resulted in error: {} - {}", account, problem);
                } else if (directory.saveIfNewer(account, claims.token())) {
                    server.accountClaimsUpdated(claims);
                }
            } catch (JwtException | IOException e) {
                LOG.error("DirResolver - Merging resulted in error: {} - {}", account, e.getMessage());
            }
        }
    }

    private void respond(SystemRequest request, String account, String message, String error) {
        answers.respond(request.reply(), account, message, error);
    }

    private static String token(String subject, int index) {
        String[] tokens = subject.split("\\.");
        return index < tokens.length ? tokens[index] : "";
    }
}
