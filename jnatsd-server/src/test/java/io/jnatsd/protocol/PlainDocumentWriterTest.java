package io.jnatsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PlainDocumentWriter} writes what {@link GoJson#compact()} and {@link GoJson#indented()} write, or leaves the document to them. */
class PlainDocumentWriterTest {

    @Test
    void aHeartbeatReadsAsTheMapperWritesIt() throws Exception {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("name", "NDX3ZQ<a&b>");
        header.put("host", "127.0.0.1");
        header.put("id", "NDX3ZQ4BYHAKWMQ3PUM7QNBMMSQBEH3TIJPVCEMRSGCLUD7HT5H4NWLA");
        header.put("cluster", "mesh \"quoted\" \\ back");
        header.put("ver", "2.10.27");
        header.put("jetstream", false);
        header.put("flags", 0);
        header.put("seq", 7L);
        header.put("time", GoTime.timestamp(java.time.Instant.parse("2026-12-05T10:45:56.123456Z")));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("server", header);
        message.put("statsz", new Fields(Map.of("routes", List.of(new Fields(mapOf("rid", 3, "pending", 0L)),
                new Fields(mapOf("rid", 4, "sent", mapOf("msgs", 12L, "bytes", 345L)))))));
        message.put("cpu", 12.5);
        message.put("mem", 67_000_000L);
        message.put("nothing", NullNode.getInstance());
        message.put("empty", Map.of());
        message.put("none", List.of());
        assertSameAsMapper(message);
    }

    @Test
    void doublesAreWrittenAsGoWritesThem() throws Exception {
        for (double value : new double[] {0, -0.0, 0.5, 2, 100, 12.345, 1e-7, 1.5e21, 123456789.125, Double.NaN,
            Double.POSITIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE}) {
            assertSameAsMapper(mapOf("cpu", value));
        }
    }

    @Test
    void emptyContainersAndScalarsAtTheRootAreWrittenAsTheMapperWritesThem() throws Exception {
        assertSameAsMapper(Map.of());
        assertSameAsMapper(List.of());
        assertSameAsMapper(mapOf("a", List.of(), "b", Map.of(), "c", List.of(Map.of(), List.of(1, 2L))));
        assertSameAsMapper("text");
        assertSameAsMapper(7L);
        assertSameAsMapper(true);
    }

    @Test
    void randomDocumentsOfPrintableAsciiReadAsTheMapperWritesThem() throws Exception {
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 3_000; i++) {
            assertSameAsMapper(randomObject(random, 0));
        }
    }

    @Test
    void whatItCannotWriteExactlyIsLeftToTheMapper() {
        List<Object> notPlain = new ArrayList<>(List.of("é", "tab\t", "line\n", "\u2028", 1.5f, new BigDecimal("1.0"),
                Set.of("a"), new int[] {1}, TextNode.valueOf("text"), new Object()));
        Map<String, Object> nullValue = new LinkedHashMap<>();
        nullValue.put("a", null);
        notPlain.add(nullValue);
        notPlain.add(Map.of(1, "key not a string"));
        notPlain.add(mapOf("ключ", "value"));
        Object deep = "x";
        for (int i = 0; i < 40; i++) {
            deep = List.of(deep);
        }
        notPlain.add(deep);
        for (Object value : notPlain) {
            assertThatThrownBy(() -> PlainDocumentWriter.write(mapOf("field", value)))
                    .as("%s", value).isInstanceOf(PlainJson.NotPlain.class);
            assertThatThrownBy(() -> PlainDocumentWriter.writeIndented(mapOf("field", value)))
                    .as("%s", value).isInstanceOf(PlainJson.NotPlain.class);
        }
    }

    private static void assertSameAsMapper(Object document) throws Exception {
        assertThat(PlainDocumentWriter.write(document)).isEqualTo(GoJson.compact().writeValueAsString(document));
        assertThat(PlainDocumentWriter.writeIndented(document)).isEqualTo(GoJson.indented().writeValueAsString(document));
    }

    private static Object randomValue(SplittableRandom random, int depth) {
        return switch (random.nextInt(depth > 4 ? 5 : 8)) {
            case 0 -> randomString(random);
            case 1 -> random.nextLong();
            case 2 -> random.nextInt(1000);
            case 3 -> random.nextBoolean();
            case 4 -> random.nextDouble() * Math.pow(10, random.nextInt(-10, 25));
            case 5 -> randomObject(random, depth + 1);
            case 6 -> new Fields(randomObject(random, depth + 1));
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
        };
    }

    private static Map<String, Object> randomObject(SplittableRandom random, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            object.put(randomString(random), randomValue(random, depth));
        }
        return object;
    }

    private static String randomString(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append((char) random.nextInt(0x20, 0x7f));
        }
        return text.toString();
    }

    private static Map<String, Object> mapOf(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** As the monitoring documents' GoObject: written as its map of fields. */
    private static final class Fields implements PlainDocumentWriter.JsonFields {
        private final Map<String, Object> fields;

        Fields(Map<String, Object> fields) {
            this.fields = fields;
        }

        @JsonValue
        @Override
        public Map<String, Object> jsonFields() {
            return fields;
        }
    }
}
