package io.jnatsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NKey users in configuration files, with nats-server 2.10.27's verdicts and messages ({@code -t}). */
class NKeyUsersConfigTest {
    private static final String USER = "UB57IEMPG4KOTPFV5A66QKE2HZ3XBXFHVRCCVMJEWKECMVN2HSH3VTSJ";

    @TempDir
    Path dir;

    private ConfigLoader.Result read(String text) throws IOException {
        Path file = dir.resolve("test.conf");
        Files.writeString(file, text);
        return ConfigLoader.read(file, Map.of());
    }

    @Test
    void nkeyUsersAreReadWithPermissionsConnectionTypesAndAccount() throws IOException {
        ConfigLoader.Result result = read("authorization { users: [ {nkey: " + USER
                + ", permissions: {publish: a}, allowed_connection_types: [standard]} ] }\n"
                + "accounts { A { users: [ {nkey: UD6AYQSOIN2IN5OGC6VQZCR4H3UFMIOXSW6NNS6N53CLJA4PB56CEJJI} ] } }\n");
        assertThat(result.errors()).isEmpty();
        assertThat(result.notices()).noneMatch(n -> n.contains("nkey"));
        UserOptions user = result.options().authorization().users().get(0);
        assertThat(user.nkey()).isEqualTo(USER);
        assertThat(user.user()).isNull();
        assertThat(user.permissions().publish().allow()).containsExactly("a");
        assertThat(user.allowsConnectionType("STANDARD")).isTrue();
        assertThat(user.allowsConnectionType("WEBSOCKET")).isFalse();
        assertThat(result.options().accounts().get(0).users().get(0).isNkey()).isTrue();
    }

    @Test
    void aSeedOrAnotherKindOfKeyIsNotAUserNkey() throws IOException {
        assertThat(read("authorization { users: [ {nkey: SCARKS2E3KVB7YORL2DG34XLT7PUCOL2SVM7YXV6ETHLW6Z46UUJ2VZ3} ] }\n")
                .errors()).singleElement().asString().endsWith("Not a valid public nkey for a user");
        assertThat(read("authorization { users: [ {nkey: AD4YRVUJF2KASKPGRMNXTYKIYSCB3IHHB4Y2ME6B2PDIV5QJ23C2ZRIT} ] }\n")
                .errors()).singleElement().asString().endsWith("Not a valid public nkey for a user");
    }

    @Test
    void anNkeyUserTakesNoUserNameOrPassword() throws IOException {
        assertThat(read("authorization { users: [ {nkey: " + USER + ", user: x} ] }\n").errors())
                .singleElement().asString().endsWith("Nkey users do not take usernames or passwords");
    }

    @Test
    void theSameNkeyTwiceIsAnError() throws IOException {
        assertThat(read("authorization { users: [ {nkey: " + USER + "}, {nkey: " + USER + "} ] }\n").errors())
                .singleElement().asString().endsWith("Duplicate nkey \"" + USER + "\" detected");
        assertThat(read("accounts { A { users: [ {nkey: " + USER + "} ] } }\nauthorization { users: [ {nkey: " + USER
                + "} ] }\n").errors()).singleElement().asString().endsWith("Duplicate nkey \"" + USER + "\" detected");
    }
}
