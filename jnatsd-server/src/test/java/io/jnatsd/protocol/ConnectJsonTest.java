package io.jnatsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written CONNECT reader reads what clients send, and whatever it reads it reads as the
 * JSON mapper does; everything else it leaves to the mapper.
 */
class ConnectJsonTest {
    private static final List<String> CLIENT_CONNECTS = List.of(
            // nats.go 1.37
            "{\"verbose\":false,\"pedantic\":false,\"tls_required\":false,\"name\":\"\",\"lang\":\"go\",\"version\":\"1.37.0\","
                    + "\"protocol\":1,\"echo\":true,\"headers\":true,\"no_responders\":true}",
            // nats.java with a user, password and a name holding escapes
            "{\"lang\":\"java\",\"version\":\"2.20.5\",\"protocol\":1,\"verbose\":false,\"pedantic\":false,"
                    + "\"tls_required\":false,\"echo\":true,\"headers\":true,\"no_responders\":true,\"user\":\"a\","
                    + "\"pass\":\"p\\\"w\\\\d\\u00e9\\n\",\"name\":\"svc/\\/1\"}",
            // nats.js, with a field the server does not have
            "{\"protocol\":1,\"version\":\"2.29.1\",\"lang\":\"nats.js\",\"pedantic\":false,\"verbose\":false,"
                    + "\"headers\":true,\"no_responders\":true,\"echo\":true,\"tls_required\":false,\"extra\":1.5e3}",
            // the C client, an NKey and its signature, JWT
            "{\"verbose\":false,\"pedantic\":false,\"nkey\":\"UB57IEMPG4KOTPFV5A66QKE2HZ3XBXFHVRCCVMJEWKECMVN2HSH3VTSJ\","
                    + "\"sig\":\"c2ln\",\"jwt\":\"eyJ0.eyJ1.c2ln\",\"tls_required\":false,\"name\":\"\",\"lang\":\"C\","
                    + "\"version\":\"3.9.1\",\"protocol\":1,\"echo\":true,\"headers\":true,\"no_responders\":true}",
            // bin/jnatsd's training client
            "{\"verbose\":false,\"pedantic\":false,\"headers\":true,\"no_responders\":true,\"protocol\":1}",
            // tokens, accounts, nulls, case, whitespace, repeats
            " {\r\n\t\"auth_token\" : \"s3cr3t\" , \"account\":\"A\", \"new_account\": true, \"name\": null } ",
            "{\"VERBOSE\":false,\"Echo\":false,\"Protocol\":-0,\"protocol\":2,\"unknown\":\"x\",\"flag\":false,\"none\":null}",
            "{}",
            // fields the options do not have, whatever their value, are skipped as the mapper skips them
            "{\"x\":[1,{\"a\":[]}],\"\\u0065cho\":false,\"y\":{}}");

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void whatClientsSendIsReadWithoutTheMapperAndAsTheMapperReadsIt(int index) throws ProtocolException {
        String json = CLIENT_CONNECTS.get(index);
        ConnectOptions plain = ConnectJson.read(json);
        assertThat(plain).as(json).isNotNull();
        assertSameOptions(json, plain, ConnectOptions.parseWithMapper(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"name\":{}}", "{\"protocol\":1.0}", "{\"protocol\":1e2}", "{\"protocol\":99999999999999999999}",
        "{\"echo\":\"true\"}", "{\"name\":1}", "{\"verboſe\":false}", "{\"name\":\"\\ud83d\\ude00\"}", "null", "[]",
        "{\"verbose\":false} x", "{\"verbose\":false", "{\"a\":1,}", "{\"v\":01}", "{\"name\":\"a\tb\"}", "", "{\"v\":tru}",
        "{\"v\":truex}",
    })
    void anythingElseIsLeftToTheMapper(String json) {
        assertThat(ConnectJson.read(json)).isNull();
    }

    @Test
    void anEscapedFieldNameIsStillTheField() throws ProtocolException {
        String json = "{\"\\u0065cho\":false}";
        ConnectOptions plain = ConnectJson.read(json);
        assertThat(plain.echo).isFalse();
        assertSameOptions(json, plain, ConnectOptions.parseWithMapper(json));
    }

    /** Random edits of real CONNECTs: whenever the reader accepts one, the mapper reads the same. */
    @Test
    void mutatedConnectsThatTheReaderAcceptsReadAsTheMapperReadsThem() {
        Random random = new Random(14);
        String alphabet = "{}[]:,\"\\ \t\n-+.0123456789eEtrufalsn/u00e9xAZ";
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder json = new StringBuilder(CLIENT_CONNECTS.get(random.nextInt(CLIENT_CONNECTS.size())));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && json.length() > 0; e++) {
                int at = random.nextInt(json.length());
                switch (random.nextInt(3)) {
                    case 0 -> json.deleteCharAt(at);
                    case 1 -> json.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> json.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = json.toString();
            ConnectOptions plain = ConnectJson.read(text);
            if (plain == null) {
                continue;
            }
            accepted++;
            ConnectOptions mapped;
            try {
                mapped = ConnectOptions.parseWithMapper(text);
            } catch (ProtocolException e) {
                throw new AssertionError("the reader accepted what the mapper refuses (" + e.getMessage() + "): " + text);
            }
            assertSameOptions(text, plain, mapped);
        }
        assertThat(accepted).as("edits the reader accepted").isGreaterThan(1_000);
    }

    private static void assertSameOptions(String json, ConnectOptions plain, ConnectOptions mapped) {
        List<String> differences = new ArrayList<>();
        for (Field field : ConnectOptions.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            try {
                Object a = field.get(plain);
                Object b = field.get(mapped);
                if (a == null ? b != null : !a.equals(b)) {
                    differences.add(field.getName() + ": " + a + " vs " + b);
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(differences).as(json).isEmpty();
    }
}
