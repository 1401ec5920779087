package io.jnatsd.leaf;

import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.protocol.leaf.LeafConnect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a remote proves itself with to the hub (LEAFNODES.md §5, §6): a {@code .creds} file (user JWT
 * and seed, read again on every connect, as nats-server does, so a rotated file is picked up) or an
 * NKey seed. The hub's INFO nonce is signed with the seed; the CONNECT carries {@code jwt} and
 * {@code sig}, or {@code nkey} and {@code sig}. Secrets never reach a log line.
 */
final class LeafCredentials {
    private static final Logger LOG = LoggerFactory.getLogger(LeafCredentials.class);
    private static final Base64.Encoder SIGNATURE = Base64.getUrlEncoder().withoutPadding();

    private final Path credentialsFile;
    private final NKeyPair seed;

    private LeafCredentials(Path credentialsFile, NKeyPair seed) {
        this.credentialsFile = credentialsFile;
        this.seed = seed;
    }

    /** The remote's credentials, or null when it has neither a creds file nor a seed. */
    static LeafCredentials of(String credentialsFile, String seed) {
        if (credentialsFile != null) {
            return new LeafCredentials(Path.of(credentialsFile), null);
        }
        return seed == null ? null : new LeafCredentials(null, NKeyPair.fromSeed(seed));
    }

    /** As nats-server: an unreadable creds file is logged at start, and the remote is still dialed (and fails). */
    static void checkReadable(String credentials) {
        try {
            Files.readString(Path.of(credentials));
        } catch (IOException | RuntimeException e) {
            LOG.error("Error reading LeafNode Remote Credentials file \"{}\": {}", credentials, describe(e));
        }
    }

    /** An I/O failure in Go's words where they differ from the JDK's ({@code open <file>: no such file or directory}). */
    static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return "open " + missing.getFile() + ": no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return "open " + denied.getFile() + ": permission denied";
        }
        return e.getMessage();
    }

    /** The creds file, null for a bare seed. */
    Path credentialsFile() {
        return credentialsFile;
    }

    /** Puts the proof into {@code connect}; fails when the creds file cannot be read or holds no JWT and seed. */
    void sign(LeafConnect connect, String nonce) throws IOException {
        byte[] signed = (nonce == null ? "" : nonce).getBytes(StandardCharsets.US_ASCII);
        if (credentialsFile == null) {
            connect.nkey = seed.publicKey();
            connect.sig = SIGNATURE.encodeToString(seed.sign(signed));
            return;
        }
        List<String> blocks = decoratedBlocks(Files.readString(credentialsFile));
        if (blocks.size() < 2) {
            throw new IOException("no nkey user seed found");
        }
        NKeyPair user;
        try {
            user = NKeyPair.fromSeed(blocks.get(1));
        } catch (IllegalArgumentException e) {
            throw new IOException("no nkey user seed found");
        }
        connect.jwt = blocks.get(0);
        connect.sig = SIGNATURE.encodeToString(user.sign(signed));
    }

    /**
     * The bodies of the {@code -----BEGIN ...-----} / {@code ------END ...------} blocks, in order:
     * the user JWT, then the seed.
     */
    static List<String> decoratedBlocks(String text) {
        List<String> blocks = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i + 2 < lines.length; i++) {
            String open = lines[i].trim();
            if (open.startsWith("---") && open.contains("BEGIN") && lines[i + 2].trim().startsWith("---")) {
                String body = lines[i + 1].trim();
                if (!body.isEmpty()) {
                    blocks.add(body);
                }
                i += 2;
            }
        }
        return blocks;
    }
}
