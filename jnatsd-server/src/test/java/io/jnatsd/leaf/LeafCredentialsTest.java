package io.jnatsd.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.auth.Nonces;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.protocol.leaf.LeafConnect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a remote's creds file or seed puts into its CONNECT: a signature of the hub's nonce a hub can check. */
class LeafCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void aCredsFileSendsItsJwtAndSignsTheNonceWithItsSeed() throws Exception {
        NKeyPair user = NKeyPair.generate(NKeyType.USER);
        Path creds = Files.writeString(dir.resolve("u.creds"), "-----BEGIN NATS USER JWT-----\neyJ0eXAi.x.y\n"
                + "------END NATS USER JWT------\n\n************************* IMPORTANT *************************\n"
                + "-----BEGIN USER NKEY SEED-----\n" + user.seed() + "\n------END USER NKEY SEED------\n");
        LeafConnect connect = new LeafConnect();
        LeafCredentials.of(creds.toString(), null).sign(connect, "abcNONCE");
        assertThat(connect.jwt).isEqualTo("eyJ0eXAi.x.y");
        assertThat(connect.nkey).isNull();
        assertThat(Nonces.verify(user.publicKey(), NKeyType.USER, "abcNONCE", connect.sig)).isTrue();
        assertThat(connect.line()).startsWith("CONNECT {\"jwt\":\"eyJ0eXAi.x.y\",\"sig\":\"");
    }

    @Test
    void aSeedSendsItsPublicKeyAndTheSignature() throws Exception {
        NKeyPair user = NKeyPair.generate(NKeyType.USER);
        LeafConnect connect = new LeafConnect();
        LeafCredentials.of(null, user.seed()).sign(connect, "n0nce");
        assertThat(connect.nkey).isEqualTo(user.publicKey());
        assertThat(Nonces.verify(user.publicKey(), NKeyType.USER, "n0nce", connect.sig)).isTrue();
        assertThat(LeafCredentials.of(null, null)).isNull();
    }

    @Test
    void aMissingOrSeedlessFileFailsTheConnectInGosWords() throws Exception {
        Path missing = dir.resolve("none.creds");
        assertThatThrownBy(() -> LeafCredentials.of(missing.toString(), null).sign(new LeafConnect(), "n"))
                .isInstanceOfSatisfying(IOException.class, e -> assertThat(LeafCredentials.describe(e))
                        .isEqualTo("open " + missing + ": no such file or directory"));
        Path jwtOnly = Files.writeString(dir.resolve("j.creds"), "-----BEGIN NATS USER JWT-----\na.b.c\n------END NATS USER JWT------\n");
        assertThatThrownBy(() -> LeafCredentials.of(jwtOnly.toString(), null).sign(new LeafConnect(), "n"))
                .hasMessage("no nkey user seed found");
    }
}
