package io.jnatsd.auth.nkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.KeyFactory;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public key jnatsd derives itself must be the one the JDK's Ed25519 provider makes from the
 * same seed, for every seed: the server's ID is a real key that a peer may verify signatures with.
 * Likewise its X25519 keys (the xkey of its INFO) must be ones the JDK's key agreement works with.
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

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // RFC 7748 §6.1: Alice's and Bob's private keys -> their public keys
        "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a, 8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
        "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb, de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
    })
    void thePrivateKeysOfRfc7748GiveTheirCurvePublicKeys(String privateKey, String expected) {
        assertThat(HexFormat.of().formatHex(Edwards25519.curvePublicKey(HexFormat.of().parseHex(privateKey))))
                .isEqualTo(expected);
    }

    /** Each side's JDK key agreement with the other's derived public key must reach the same secret. */
    @Test
    void curvePublicKeysAgreeWithTheJdksX25519() throws GeneralSecurityException {
        Random random = new Random(20261206);
        for (int i = 0; i < 50; i++) {
            byte[] alice = new byte[32];
            byte[] bob = new byte[32];
            random.nextBytes(alice);
            random.nextBytes(bob);
            assertThat(jdkSharedSecret(alice, Edwards25519.curvePublicKey(bob)))
                    .as("keys %s, %s", HexFormat.of().formatHex(alice), HexFormat.of().formatHex(bob))
                    .isEqualTo(jdkSharedSecret(bob, Edwards25519.curvePublicKey(alice)));
        }
    }

    /** The curve form of a signing key is the curve key of the signing key's own scalar. */
    @Test
    void theCurveFormOfASigningKeyIsTheCurveKeyOfItsScalar() throws GeneralSecurityException {
        Random random = new Random(20261207);
        for (int i = 0; i < 20; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            byte[] scalar = Arrays.copyOf(MessageDigest.getInstance("SHA-512").digest(seed), 32);
            assertThat(Edwards25519.curveKeyOf(Edwards25519.publicKey(seed))).isEqualTo(Edwards25519.curvePublicKey(scalar));
        }
    }

    @Test
    void generatedCurveKeysAreXKeysThatDoNotSign() {
        NKeyPair pair = NKeyPair.generate(NKeyType.CURVE);
        assertThat(NKeys.isPublicKey(pair.publicKey(), NKeyType.CURVE)).isTrue();
        assertThat(pair.publicKey()).hasSize(56).startsWith("X");
        assertThatThrownBy(() -> pair.sign(new byte[1])).isInstanceOf(UnsupportedOperationException.class);
    }

    private static byte[] jdkSharedSecret(byte[] privateKey, byte[] publicKey) throws GeneralSecurityException {
        KeyFactory keys = KeyFactory.getInstance("X25519");
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = publicKey[31 - i];
        }
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(keys.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey)));
        agreement.doPhase(keys.generatePublic(
                new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian))), true);
        return agreement.generateSecret();
    }

    private static byte[] jdkPublicKey(byte[] seed) throws GeneralSecurityException {
        byte[] encoded = Ed25519.fromSeed(seed).getPublic().getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }
}
