package io.jnatsd.sys;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.auth.AccountJwtDirectory;
import io.jnatsd.auth.jwt.Jwt;
import io.jnatsd.auth.jwt.JwtException;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.auth.nkey.NKeys;
import io.jnatsd.server.NatsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code $SYS.REQ.CLAIMS.DELETE}, as nats-server's directory resolvers answer it: the request is
 * a JWT the operator (or one of its signing keys) signed for itself, listing account keys in
 * {@code nats.accounts} (what {@code nsc delete account} and {@code nsc push --prune} send). The
 * full resolver takes it only with {@code allow_delete}; the cache always. Each listed account's
 * JWT is renamed to {@code .jwt.deleted} ({@code hard_delete}: removed), and the account is
 * disabled on this server: its clients get {@code Account Authentication Expired} and new ones
 * are refused until a new JWT for it is pushed. Every server of the cluster subscribes, so one
 * request deletes everywhere; the system account may not be deleted.
 */
final class ResolverDeletes {
    private static final String CLAIMS_DELETE = "$SYS.REQ.CLAIMS.DELETE";

    private final NatsServer server;
    private final AccountJwtDirectory directory;
    private final SystemClient client;
    private final ResolverAnswers answers;
    private final boolean allowed;

    ResolverDeletes(NatsServer server, AccountJwtDirectory directory, SystemClient client, ResolverAnswers answers,
            boolean allowed) {
        this.server = server;
        this.directory = directory;
        this.client = client;
        this.answers = answers;
        this.allowed = allowed;
    }

    void subscribe() {
        client.subscribe(CLAIMS_DELETE, this::delete);
    }

    private void delete(SystemRequest request) {
        String signer = "";
        List<String> accounts = new ArrayList<>();
        String refusal;
        try {
            Jwt jwt = Jwt.decode(new String(request.body(), StandardCharsets.UTF_8).trim());
            signer = jwt.claims().path("sub").asText("");
            refusal = refusal(jwt, signer, accounts);
        } catch (JwtException e) {
            refusal = e.getMessage();
        }
        if (refusal != null) {
            answers.respond(request.reply(), null, "delete accounts request by " + signer + " failed", refusal);
            return;
        }
        List<String> errors = new ArrayList<>();
        for (String account : accounts) {
            try {
                directory.delete(account);
                server.accountDeleted(account);
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
        }
        int deleted = accounts.size() - errors.size();
        if (errors.isEmpty()) {
            answers.respond(request.reply(), null, "deleted " + deleted + " accounts", null);
        } else {
            answers.respond(request.reply(), null, "deleted " + deleted + " accounts, failed for " + errors.size(),
                    String.join("\n", errors));
        }
    }

    /** nats-server's checks in its order; fills {@code accounts} and returns null when the request may go on. */
    private String refusal(Jwt jwt, String signer, List<String> accounts) {
        if (!allowed) {
            return "delete must be enabled in server config";
        }
        if (!signer.equals(jwt.issuer())) {
            return "not self signed";
        }
        if (!server.deleteSigners().contains(jwt.issuer())) {
            return "not trusted";
        }
        // nats-server's generic claims keep their data under "nats".
        JsonNode list = jwt.claims().path("nats").path("accounts");
        if (!list.isArray()) {
            return "malformed request";
        }
        String systemAccount = server.options().systemAccountName();
        for (JsonNode entry : list) {
            String account = entry.isTextual() ? entry.asText() : "";
            if (!NKeys.isPublicKey(account, NKeyType.ACCOUNT)) {
                return "malformed request";
            }
            if (account.equals(systemAccount)) {
                return "not allowed to delete system account";
            }
            accounts.add(account);
        }
        return null;
    }
}
