package io.jnatsd.auth.nkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Known seeds and public keys from nats-server's own tests and test configs (written by the NATS
 * tools), an operator JWT signed by the NATS tooling, and round trips of every key type.
 */
class NKeysTest {
    /**
     * nats-server test/configs/nkeys/op.jwt, a version 1 JWT (alg "ed25519"): its signature covers
     * the claims segment only (version 2, "ed25519-nkey", signs header and claims).
     */
    static final String OPERATOR_JWT = "eyJ0eXAiOiJqd3QiLCJhbGciOiJlZDI1NTE5In0.eyJhdWQiOiJURVNUUyIsImV4cCI6MTg1OTEyMTI3NSwianRpIjoiWE5MWjZYWVBIVE1ESlFSTlFPSFVPSlFHV0NVN01JNVc1SlhDWk5YQllVS0VRVzY3STI1USIsImlhdCI6MTU0Mzc2MTI3NSwiaXNzIjoiT0NBVDMzTVRWVTJWVU9JTUdOR1VOWEo2NkFIMlJMU0RBRjNNVUJDWUFZNVFNSUw2NU5RTTZYUUciLCJuYW1lIjoiU3luYWRpYSBDb21tdW5pY2F0aW9ucyBJbmMuIiwibmJmIjoxNTQzNzYxMjc1LCJzdWIiOiJPQ0FUMzNNVFZVMlZVT0lNR05HVU5YSjY2QUgyUkxTREFGM01VQkNZQVk1UU1JTDY1TlFNNlhRRyIsInR5cGUiOiJvcGVyYXRvciIsIm5hdHMiOnsic2lnbmluZ19rZXlzIjpbIk9EU0tSN01ZRlFaNU1NQUo2RlBNRUVUQ1RFM1JJSE9GTFRZUEpSTUFWVk40T0xWMllZQU1IQ0FDIiwiT0RTS0FDU1JCV1A1MzdEWkRSVko2NTdKT0lHT1BPUTZLRzdUNEhONk9LNEY2SUVDR1hEQUhOUDIiLCJPRFNLSTM2TFpCNDRPWTVJVkNSNlA1MkZaSlpZTVlXWlZXTlVEVExFWjVUSzJQTjNPRU1SVEFCUiJdfX0.hyfz6E39BMUh0GLzovFfk3wT4OfualftjdJ_eYkLfPvu5tZubYQ_Pn9oFYGCV_6yKy3KMGhWGUCyCdHaPhalBw";
    static final String OPERATOR_PUBLIC = "OCAT33MTVU2VUOIMGNGUNXJ66AH2RLSDAF3MUBCYAY5QMIL65NQM6XQG";
    /** nats-server test/configs/nkeys/test.seed, the seed of that operator. */
    static final String OPERATOR_SEED = "SOAFYNORQLQFJYBYNUGC5D7SH2MXMUX5BFEWWGHN3EK4VGG5TPT5DZP7QU";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // nats-server server/config_check_test.go: user seeds in comments beside their public keys
        // (the account comments there do not match their keys, so they are not used)
        "SUAKINP3Z2BPUXWOFSW2FZC7TFJCMMU7DHKP2C62IJQUDASOCDSTDTRMJQ, UB57IEMPG4KOTPFV5A66QKE2HZ3XBXFHVRCCVMJEWKECMVN2HSH3VTSJ",
        "SUADZTYQAKTY5NQM7XRB5XR3C24M6ROGZLBZ6P5HJJSSOFUGC5YXOOECOM, UD6AYQSOIN2IN5OGC6VQZCR4H3UFMIOXSW6NNS6N53CLJA4PB56CEJJI",
        // nats-server test/configs/nkeys: the operator's seed and its signing keys' seeds
        "SOAFYNORQLQFJYBYNUGC5D7SH2MXMUX5BFEWWGHN3EK4VGG5TPT5DZP7QU, OCAT33MTVU2VUOIMGNGUNXJ66AH2RLSDAF3MUBCYAY5QMIL65NQM6XQG",
        "SOAO7RDW6CLJORHHBS4DPYYIIIAASEIUJ5WWS5FMWLNTFHUCKQ5CAC45AA, ODSKR7MYFQZ5MMAJ6FPMEETCTE3RIHOFLTYPJRMAVVN4OLV2YYAMHCAC",
        "SOAEL3NFOTU6YK3DBTEKQYZ2C5IWSVZWWZCQDASBUOHJKBFLVANK27JMMQ, ODSKACSRBWP537DZDRVJ657JOIGOPOQ6KG7T4HN6OK4F6IECGXDAHNP2",
        "SOACSMP662P2BZDKVF6WCB6FIQYORADDWWWEAI55QY24CQRTY4METUING4, ODSKI36LZB44OY5IVCR6P52FZJZYMYWZVWNUDTLEZ5TK2PN3OEMRTABR",
    })
    void aSeedWrittenByTheNatsToolsGivesItsPublicKeyAndEncodesBackTheSame(String seed, String publicKey) {
        NKeyPair pair = NKeyPair.fromSeed(seed);
        assertThat(pair.publicKey()).isEqualTo(publicKey);
        assertThat(pair.seed()).isEqualTo(seed);
        assertThat(NKeys.publicKeyType(publicKey)).isEqualTo(pair.type());
        assertThat(NKeys.encodePublic(pair.type(), NKeys.decodePublic(publicKey, pair.type()))).isEqualTo(publicKey);
    }

    @Test
    void theOperatorJwtFromNatsServerTestsVerifiesWithItsIssuerKey() {
        int firstDot = OPERATOR_JWT.indexOf('.');
        int lastDot = OPERATOR_JWT.lastIndexOf('.');
        byte[] signed = OPERATOR_JWT.substring(firstDot + 1, lastDot).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = Base64.getUrlDecoder().decode(OPERATOR_JWT.substring(lastDot + 1));
        PublicNKey operator = PublicNKey.of(OPERATOR_PUBLIC, NKeyType.OPERATOR);
        assertThat(operator.verify(signed, signature)).isTrue();
        // Ed25519 is deterministic: signing again with the seed gives the same bytes.
        assertThat(NKeyPair.fromSeed(OPERATOR_SEED).sign(signed)).isEqualTo(signature);
        signed[signed.length - 1] ^= 1;
        assertThat(operator.verify(signed, signature)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(NKeyType.class)
    void everyTypeRoundTripsAndStartsWithItsLetter(NKeyType type) {
        NKeyPair pair = NKeyPair.generate(type);
        assertThat(pair.publicKey()).hasSize(56).startsWith(String.valueOf(type.letter()));
        assertThat(pair.seed()).hasSize(58).startsWith("S" + type.letter());
        assertThat(NKeyPair.fromSeed(pair.seed())).isEqualTo(pair);
    }

    /** All but curve keys, which are X25519 keys for encryption (Edwards25519Test). */
    @ParameterizedTest
    @EnumSource(value = NKeyType.class, mode = EnumSource.Mode.EXCLUDE, names = "CURVE")
    void everySigningTypeVerifiesItsOwnSignatures(NKeyType type) {
        NKeyPair pair = NKeyPair.generate(type);
        byte[] data = "nonce".getBytes(StandardCharsets.US_ASCII);
        assertThat(PublicNKey.of(pair.publicKey(), type).verify(data, pair.sign(data))).isTrue();
    }

    @Test
    void aKeyOfAnotherTypeOrWithABadChecksumIsRefused() {
        String user = "UB57IEMPG4KOTPFV5A66QKE2HZ3XBXFHVRCCVMJEWKECMVN2HSH3VTSJ";
        assertThat(NKeys.isPublicKey(user, NKeyType.USER)).isTrue();
        assertThat(NKeys.isPublicKey(user, NKeyType.ACCOUNT)).isFalse();
        assertThat(PublicNKey.of(user, NKeyType.ACCOUNT)).isNull();
        String flipped = user.substring(0, 10) + (user.charAt(10) == 'A' ? 'B' : 'A') + user.substring(11);
        assertThat(NKeys.publicKeyType(flipped)).isNull();
        // A seed is not a public key, even of the right length after trimming.
        assertThat(NKeys.publicKeyType("SCARKS2E3KVB7YORL2DG34XLT7PUCOL2SVM7YXV6ETHLW6Z46UUJ2VZ3")).isNull();
        assertThat(NKeys.publicKeyType("invalid")).isNull();
        assertThat(NKeys.publicKeyType(user.toLowerCase())).isNull();
        assertThat(NKeys.publicKeyType(null)).isNull();
        assertThat(NKeys.decodeSeed(user)).isNull();
        assertThatThrownBy(() -> NKeyPair.fromSeed("SUAKINP3Z2BPUXWOFSW2FZC7TFJCMMU7DHKP2C62IJQUDASOCDSTDTRMJA"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("SUAK");
    }

    @Test
    void randomTextNeverThrows() {
        Random random = new Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=a!";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextBoolean() ? 56 + random.nextInt(3) : random.nextInt(70);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            NKeys.publicKeyType(text.toString());
            NKeys.decodeSeed(text.toString());
        }
    }

    @Test
    void aSignatureOfTheWrongLengthOrFromAnotherKeyFails() {
        NKeyPair pair = NKeyPair.generate(NKeyType.USER);
        PublicNKey other = PublicNKey.of(NKeyPair.generate(NKeyType.USER).publicKey(), NKeyType.USER);
        byte[] data = {1, 2, 3};
        assertThat(other.verify(data, pair.sign(data))).isFalse();
        assertThat(PublicNKey.of(pair.publicKey(), NKeyType.USER).verify(data, new byte[12])).isFalse();
        assertThat(pair.toString()).doesNotContain(pair.seed());
    }
}
