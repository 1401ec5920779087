package io.jnatsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoJsonObjectTest {

    @Test
    void writesFieldsInOrderWithGoEscaping() {
        String tricky = "a\"b\\c\n\r\t\b\f\u0001\u001f<>&é€😀 ";
        String escaped = "a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u003c\\u003e\\u0026é€😀 ";
        String written = new GoJsonObject()
                .field("server_id", "NABC")
                .field("name", tricky)
                .field("proto", 1)
                .field("max_payload", 1_048_576L)
                .field("headers", true)
                .field("ldm", false)
                .field("connect_urls", List.of("127.0.0.1:4222", tricky))
                .toString();
        assertThat(written).isEqualTo("{\"server_id\":\"NABC\",\"name\":\"" + escaped + "\",\"proto\":1,"
                + "\"max_payload\":1048576,\"headers\":true,\"ldm\":false,"
                + "\"connect_urls\":[\"127.0.0.1:4222\",\"" + escaped + "\"]}");
    }

    @Test
    void parsesBackToTheSameValues() throws Exception {
        String tricky = "a\"b\\c\n\u0001<>&é😀\u2028";
        String written = new GoJsonObject().field("s", tricky).field("n", 7).toString();
        Map<String, Object> read = GoJson.compact().readerForMapOf(Object.class).readValue(written);
        assertThat(read).containsEntry("s", tricky).containsEntry("n", 7);
    }

    @Test
    void escapesLineAndParagraphSeparatorsAsGoDoes() {
        assertThat(new GoJsonObject().field("s", "\u2028\u2029").toString()).isEqualTo("{\"s\":\"\\u2028\\u2029\"}");
    }

    @Test
    void anEmptyObjectAndAnEmptyList() {
        assertThat(new GoJsonObject().toString()).isEqualTo("{}");
        assertThat(new GoJsonObject().field("l", List.of()).toString()).isEqualTo("{\"l\":[]}");
    }
}
