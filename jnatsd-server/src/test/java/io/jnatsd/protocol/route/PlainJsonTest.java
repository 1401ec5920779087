package io.jnatsd.protocol.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The plain route JSON reader and writer give exactly what jackson-core gives (the same fields,
 * the same bytes, the same Go-worded errors), on captured INFOs and CONNECTs and on every
 * one-character damage to them, and on values with characters that need escaping.
 */
class PlainJsonTest {
    private static final List<String> CORPUS = List.of(
            "{\"server_id\":\"NDXXXXE1\",\"server_name\":\"E1\",\"version\":\"2.10.27\",\"proto\":2,\"go\":\"go1.24.4\","
                    + "\"host\":\"127.0.0.1\",\"port\":15511,\"headers\":true,\"max_payload\":1048576,\"nonce\":\"NONCE\","
                    + "\"cluster\":\"PERM\",\"compression\":\"accept\",\"import\":{\"allow\":[\"foo.\\u003e\"]},"
                    + "\"export\":{\"allow\":[\"bar.\\u003e\"],\"deny\":[\"bar.secret\"]},\"lnoc\":true,\"lnocu\":true}",
            "{\"server_id\":\"NDXXXXC\",\"server_name\":\"C\",\"version\":\"2.10.27\",\"proto\":2,\"go\":\"go1.24.4\","
                    + "\"host\":\"127.0.0.1\",\"port\":15113,\"headers\":true,\"max_payload\":1048576,"
                    + "\"ip\":\"nats-route://127.0.0.1:15113/\",\"nonce\":\"NONCE\",\"cluster\":\"C1\","
                    + "\"connect_urls\":[\"127.0.0.1:15003\",\"[::1]:15003\"],\"compression\":\"off\",\"lnoc\":true,"
                    + "\"lnocu\":true,\"route_pool_size\":3,\"route_pool_idx\":2,\"route_account\":\"$SYS\"}",
            " {\r\n \"server_id\" : \"A\\\"B\\\\C\\/\\b\\f\\n\\r\\t\\u00e9\" ,\t\"port\":-0, \"ldm\":false,"
                    + "\"gateway_urls\":[],\"gateway_cmd\":1,\"import\":{\"allow\":null,\"deny\":[]},\"nonce\":null,"
                    + "\"future\":{\"nested\":[1,2,{\"a\":null,\"b\":[true,false]}],\"f\":1.5e3},\"u\":\"\u00fc\"} ",
            "{\"echo\":true,\"verbose\":false,\"pedantic\":false,\"user\":\"ruser\",\"pass\":\"p\\u0026ss\","
                    + "\"tls_required\":false,\"headers\":true,\"name\":\"NDXXXXC\",\"cluster\":\"C1\",\"lnoc\":true}",
            "{}",
            "{\"server_id\":\"S\",\"server_id\":\"T\",\"port\":1,\"port\":null}");

    private static final String DAMAGE = "\"{}[],:\\ 0.e\u0001";

    @Test
    void everyCapturedTextAndEveryOneCharacterDamageReadsAsWithJackson() {
        int cases = 0;
        List<String> different = new ArrayList<>();
        for (String json : CORPUS) {
            boolean connect = json.contains("\"echo\"");
            for (String variant : variants(json)) {
                String plain = connect ? readConnect(variant, true) : readInfo(variant, true);
                String jackson = connect ? readConnect(variant, false) : readInfo(variant, false);
                if (!plain.equals(jackson)) {
                    different.add(variant + " -> " + plain + " instead of " + jackson);
                }
                cases++;
            }
        }
        assertThat(different).isEmpty();
        assertThat(cases).isGreaterThan(4_000);
    }

    @Test
    void valuesThatNeedEscapingAreWrittenAsWithJackson() {
        Random random = new Random(14);
        String alphabet = "az.09<>&\"\\/ \u0000\u001f\u007f\u00e9\u2028\ud83d\ude00";
        for (int round = 0; round < 2_000; round++) {
            RouteInfo info = new RouteInfo();
            info.serverId = text(random, alphabet);
            info.serverName = text(random, alphabet);
            info.port = random.nextInt(65536);
            info.headers = random.nextBoolean();
            info.connectUrls = random.nextBoolean() ? null : List.of(text(random, alphabet), text(random, alphabet));
            if (random.nextBoolean()) {
                Map<String, List<String>> permissions = new LinkedHashMap<>();
                permissions.put("allow", List.of(text(random, alphabet)));
                permissions.put("deny", random.nextBoolean() ? null : List.of());
                info.exportPermissions = permissions;
            }
            info.routePoolIndex = random.nextInt(3);
            assertThat(RouteJson.writeObject(info::write)).isEqualTo(RouteJson.writeWithJackson(info::write));
            RouteConnect connect = new RouteConnect();
            connect.name = info.serverId;
            connect.cluster = info.serverName;
            connect.pass = text(random, alphabet);
            assertThat(RouteJson.writeObject(connect::write)).isEqualTo(RouteJson.writeWithJackson(connect::write));
        }
    }

    @Test
    void serverWrittenJsonIsReadWithoutJackson() {
        List<String> fields = new ArrayList<>();
        assertThat(PlainJsonReader.read(CORPUS.get(1), (name, value) -> fields.add(name))).isTrue();
        assertThat(fields).startsWith("server_id", "server_name").endsWith("route_account");
        assertThat(PlainJsonReader.read("{\"port\":1.5}", (name, value) -> value.number() > 0))
                .as("a float is left to jackson-core").isFalse();
        assertThat(PlainJsonReader.read("{\"port\":\"1\"}", (name, value) -> value.number() > 0))
                .as("a string for an int is left to jackson-core's error").isFalse();
    }

    @Test
    void deeplyNestedValuesAreLeftToJacksonsLimits() {
        String deep = "{\"future\":" + "[".repeat(100_000) + "]".repeat(100_000) + ",\"server_id\":\"S\"}";
        assertThat(PlainJsonReader.read(deep, (name, value) -> false)).isFalse();
        assertThat(readInfo(deep, true)).isEqualTo(readInfo(deep, false));
    }

    private static List<String> variants(String json) {
        List<String> variants = new ArrayList<>();
        variants.add(json);
        for (int i = 0; i < json.length(); i++) {
            variants.add(json.substring(0, i) + json.substring(i + 1));
            // Each position gets a few of the damaging characters, all of them over four positions.
            for (int d = i % 4; d < DAMAGE.length(); d += 4) {
                variants.add(json.substring(0, i) + DAMAGE.charAt(d) + json.substring(i + 1));
            }
        }
        variants.add(json + "x");
        variants.add(json + "{}");
        return variants;
    }

    /** The fields read (as jnatsd writes them again) or the error, through the plain reader or jackson-core only. */
    private static String readInfo(String json, boolean plainFirst) {
        RouteInfo info = new RouteInfo();
        try {
            if (plainFirst) {
                RouteJson.readObject(json, "Info", info::read);
            } else {
                RouteJson.readWithJackson(json, "Info", info::read);
            }
            return RouteJson.writeWithJackson(info::write);
        } catch (ProtocolException e) {
            return "error: " + e.getMessage();
        }
    }

    private static String readConnect(String json, boolean plainFirst) {
        RouteConnect connect = new RouteConnect();
        try {
            if (plainFirst) {
                RouteJson.readObject(json, "ClientOpts", connect::read);
            } else {
                RouteJson.readWithJackson(json, "ClientOpts", connect::read);
            }
            return RouteJson.writeWithJackson(connect::write) + connect.lang + connect.gateway + connect.authToken;
        } catch (ProtocolException e) {
            return "error: " + e.getMessage();
        }
    }

    private static String text(Random random, String alphabet) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c)) {
                text.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }
}
