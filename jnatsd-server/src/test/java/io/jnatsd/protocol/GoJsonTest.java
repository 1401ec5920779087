package io.jnatsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoJsonTest {

    @Test
    void indentedOutputHasTheLayoutOfGoMarshalIndent() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("server_id", "N1");
        value.put("urls", List.of("a:1", "b:2"));
        value.put("empty_list", List.of());
        value.put("empty_object", Map.of());
        value.put("nested", Map.of("clients", 0));
        value.put("objects", List.of(Map.of("sid", "1")));

        assertThat(GoJson.indented().writeValueAsString(value)).isEqualTo("""
                {
                  "server_id": "N1",
                  "urls": [
                    "a:1",
                    "b:2"
                  ],
                  "empty_list": [],
                  "empty_object": {},
                  "nested": {
                    "clients": 0
                  },
                  "objects": [
                    {
                      "sid": "1"
                    }
                  ]
                }""");
    }

    @Test
    void htmlCharactersAreEscapedAsGoDoes() throws Exception {
        assertThat(GoJson.compact().writeValueAsString(Map.of("s", "orders.> <&>")))
                .isEqualTo("{\"s\":\"orders.\\u003e \\u003c\\u0026\\u003e\"}");
    }

    @Test
    void floatsAreWrittenLikeGoWithoutATrailingPointZero() throws Exception {
        assertThat(GoJson.compact().writeValueAsString(List.of(2.0, 0.5, 0.0, 0.1875, 2.076923076923077, 1e-7,
                1.5e21, 123456789.0, 0.000001)))
                .isEqualTo("[2,0.5,0,0.1875,2.076923076923077,1e-07,1.5e+21,123456789,0.000001]");
    }
}
