package io.jnatsd.server;

import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import java.util.concurrent.CompletableFuture;

/**
 * The server's own NKey: its public key (56 characters starting with {@code N}) is the server ID
 * peers and clients see, as nats-server's is; new at every start. The first Ed25519 key a JVM
 * makes loads the JDK's EC provider (tens of milliseconds), so the key is made on another thread
 * while the server sets up its event loops.
 */
final class ServerIdentity {
    private final CompletableFuture<NKeyPair> keys =
            CompletableFuture.supplyAsync(() -> NKeyPair.generate(NKeyType.SERVER));

    /** The server ID; waits for the key on first use. */
    String serverId() {
        return keys.join().publicKey();
    }
}
