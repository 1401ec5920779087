package io.jnatsd.sys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.protocol.GoJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link HeartbeatSender} reads a heartbeat's sender as the mapper's tree did, damaged text included. */
class HeartbeatSenderTest {
    /** A STATSZ heartbeat as nats-server 2.10 sends it. */
    private static final String STATSZ = "{\"server\":{\"name\":\"s1\",\"host\":\"127.0.0.1\","
            + "\"id\":\"NDX3ZQ4BYHAKWMQ3PUM7QNBMMSQBEH3TIJPVCEMRSGCLUD7HT5H4NWLA\",\"cluster\":\"mesh\","
            + "\"ver\":\"2.10.27\",\"jetstream\":false,\"flags\":0,\"seq\":42,\"time\":\"2026-12-05T10:45:56.123456Z\"},"
            + "\"statsz\":{\"start\":\"2026-12-05T10:45:55.5Z\",\"mem\":14000000,\"cores\":2,\"cpu\":1.5,"
            + "\"connections\":0,\"total_connections\":0,\"active_accounts\":1,\"subscriptions\":57,"
            + "\"sent\":{\"msgs\":3,\"bytes\":1024},\"received\":{\"msgs\":2,\"bytes\":512},\"slow_consumers\":0,"
            + "\"routes\":[{\"rid\":5,\"name\":\"s2\",\"sent\":{\"msgs\":1,\"bytes\":2},\"received\":{\"msgs\":0,\"bytes\":0},"
            + "\"pending\":0}],\"active_servers\":2}}";

    @Test
    void aHeartbeatNamesItsSender() throws IOException {
        assertThat(HeartbeatSender.of(bytes(STATSZ)))
                .isEqualTo(new HeartbeatSender("NDX3ZQ4BYHAKWMQ3PUM7QNBMMSQBEH3TIJPVCEMRSGCLUD7HT5H4NWLA", 42));
        assertThat(HeartbeatSender.of(bytes("{\"statsz\":{}}"))).isEqualTo(new HeartbeatSender("", 0));
        assertThat(HeartbeatSender.of(bytes("{\"server\":{\"id\":\"A\"},\"server\":{\"id\":\"B\",\"seq\":3}}")))
                .isEqualTo(new HeartbeatSender("B", 3));
    }

    @Test
    void damagedHeartbeatsReadAsTheMapperReadsThem() {
        SplittableRandom random = new SplittableRandom(14);
        String alphabet = "{}[]\":,0123456789-+.eEtrufalsn \\/éidseq";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(STATSZ);
            for (int damages = random.nextInt(1, 3); damages > 0; damages--) {
                int at = random.nextInt(text.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.setCharAt(at, c);
                    case 1 -> text.insert(at, c);
                    default -> text.deleteCharAt(at);
                }
            }
            byte[] body = bytes(text.toString());
            assertThat(read(body)).as(text.toString()).isEqualTo(readWithTheMapper(body));
        }
    }

    /** Statistics nested around the scanner's depth limit, in arrays and objects, empty or not. */
    @Test
    void deeplyNestedStatisticsReadAsTheMapperReadsThem() {
        String server = "{\"server\":{\"id\":\"N1\",\"seq\":7},\"statsz\":";
        for (int depth = 28; depth <= 36; depth++) {
            for (String[] shape : new String[][] {{"[", "]", "1"}, {"{\"a\":", "}", "[]"}, {"[{\"b\":", "}]", "{}"}}) {
                String nested = shape[0].repeat(depth) + shape[2] + shape[1].repeat(depth);
                byte[] body = bytes(server + nested + "}");
                assertThat(read(body)).as(nested).isEqualTo(readWithTheMapper(body)).isEqualTo("HeartbeatSender[id=N1, sequence=7]");
                byte[] broken = bytes(server + nested.substring(0, nested.length() - 1) + "}");
                assertThat(read(broken)).as(nested).isEqualTo(readWithTheMapper(broken)).isEqualTo("error");
            }
        }
    }

    private static String read(byte[] body) {
        try {
            return HeartbeatSender.of(body).toString();
        } catch (IOException e) {
            return "error";
        }
    }

    private static String readWithTheMapper(byte[] body) {
        try {
            JsonNode server = GoJson.compact().readTree(body).path("server");
            return new HeartbeatSender(server.path("id").asText(""), server.path("seq").asLong(0)).toString();
        } catch (IOException e) {
            return "error";
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
