package io.jnatsd.auth.nkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public key jnatsd derives itself must be the one the JDK's Ed25519 provider makes from the
 * same seed, for every seed: the server's ID is a real key that a peer may verify signatures with.
 */
class Edwards25519Test {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // RFC 8032 §7.1, tests 1, 2, 3 and "SHA(abc)": secret key -> public key
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60, d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb, 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7, fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42, ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
    })
    void theSecretKeysOfRfc8032GiveTheirPublicKeys(String secret, String expected) {
        assertThat(HexFormat.of().formatHex(Edwards25519.publicKey(HexFormat.of().parseHex(secret)))).isEqualTo(expected);
    }

    @Test
    void everySeedGivesTheKeyTheJdkMakesFromIt() throws GeneralSecurityException {
        Random random = new Random(20261205);
        byte[] seed = new byte[32];
        for (int i = 0; i < 300; i++) {
            random.nextBytes(seed);
            if (i == 0) {
                Arrays.fill(seed, (byte) 0);
            } else if (i == 1) {
                Arrays.fill(seed, (byte) 0xff);
            }
            assertThat(Edwards25519.publicKey(seed)).as("seed %s", HexFormat.of().formatHex(seed))
                    .isEqualTo(jdkPublicKey(seed));
        }
    }

    @Test
    void generatedServerKeysAreValidAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            NKeyPair pair = NKeyPair.generate(NKeyType.SERVER);
            assertThat(NKeys.isPublicKey(pair.publicKey(), NKeyType.SERVER)).isTrue();
            assertThat(pair.publicKey()).hasSize(56).startsWith("N");
            // The key signs, and the signature checks against the public key that was shown.
            byte[] data = ("nonce " + i).getBytes();
            assertThat(PublicNKey.of(pair.publicKey(), NKeyType.SERVER).verify(data, pair.sign(data))).isTrue();
            assertThat(seen.add(pair.publicKey())).isTrue();
        }
    }

    private static byte[] jdkPublicKey(byte[] seed) throws GeneralSecurityException {
        byte[] encoded = Ed25519.fromSeed(seed).getPublic().getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }
}
