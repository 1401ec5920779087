package io.jnatsd.server;

import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import java.util.concurrent.CompletableFuture;

/**
 * The server's own NKeys, new at every start, as nats-server's are: the public half of its
 * signing key (56 characters starting with {@code N}) is the server ID peers and clients see;
 * a curve key (starting with {@code X}) is the {@code xkey} of a 2.10 client INFO, the key an
 * auth callout service encrypts its answers to. jnatsd has no auth callout, so nothing decrypts
 * with it, but clients see the field nats-server 2.10 always sends; it is the X25519 form of the
 * signing key ({@link NKeyPair#curvePublicKey()}), which costs one field inversion where a key of
 * its own would cost a second scalar multiplication at start.
 *
 * <p>A fresh JVM takes tens of milliseconds for the first key (SecureRandom's set-up, the
 * arithmetic interpreted), so the keys are made on another thread while the server sets up its
 * event loops; the ID first, since the start-up lines need it before anything needs the xkey.
 */
final class ServerIdentity {
    private final CompletableFuture<NKeyPair> keys =
            CompletableFuture.supplyAsync(() -> NKeyPair.generate(NKeyType.SERVER));
    private final CompletableFuture<String> serverId = keys.thenApply(NKeyPair::publicKey);
    private final CompletableFuture<String> xkey = keys.thenApplyAsync(NKeyPair::curvePublicKey);

    /** The server ID; waits for the key on first use. */
    String serverId() {
        return serverId.join();
    }

    /** The public curve key clients see as {@code xkey}; waits for the key on first use. */
    String xkey() {
        return xkey.join();
    }
}
