package io.jnatsd.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    private static QueryParameters query(String name, String value) {
        return new QueryParameters(Map.of(name, List.of(value)));
    }

    @Test
    void booleansFollowGoParseBool() throws Exception {
        for (String yes : List.of("1", "t", "T", "TRUE", "true", "True")) {
            assertThat(query("subs", yes).bool("subs")).as(yes).isTrue();
        }
        for (String no : List.of("0", "f", "F", "FALSE", "false", "False", "")) {
            assertThat(query("subs", no).bool("subs")).as(no).isFalse();
        }
        assertThat(new QueryParameters(Map.of()).bool("subs")).isFalse();
        assertThatThrownBy(() -> query("subs", "yes").bool("subs")).isInstanceOf(BadRequestException.class)
                .hasMessage("Error decoding boolean for 'subs': strconv.ParseBool: parsing \"yes\": invalid syntax");
    }

    @Test
    void integersFollowGoAtoiWithItsErrorTexts() throws Exception {
        assertThat(query("offset", "+7").integer("offset")).isEqualTo(7);
        assertThat(query("offset", "-3").integer("offset")).isEqualTo(-3);
        assertThat(query("offset", "").integer("offset")).isZero();
        assertThatThrownBy(() -> query("limit", "1.5").integer("limit"))
                .hasMessage("Error decoding int for 'limit': strconv.Atoi: parsing \"1.5\": invalid syntax");
        assertThatThrownBy(() -> query("limit", "99999999999999999999").integer("limit"))
                .hasMessage("Error decoding int for 'limit': strconv.Atoi: parsing \"99999999999999999999\": value out of range");
    }

    @Test
    void unsignedIdsRejectSignsLikeGoParseUint() throws Exception {
        assertThat(query("cid", "42").unsigned("cid")).isEqualTo(42);
        assertThatThrownBy(() -> query("cid", "-1").unsigned("cid"))
                .hasMessage("Error decoding uint64 for 'cid': strconv.ParseUint: parsing \"-1\": invalid syntax");
        assertThat(query("cid", "18446744073709551615").unsigned("cid")).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> query("cid", "18446744073709551616").unsigned("cid"))
                .hasMessageEndingWith("value out of range");
    }

    @Test
    void basePathsAreNormalizedToALeadingSlashWithoutTrailingOne() {
        assertThat(MonitorRoutes.normalizeBasePath(null)).isEmpty();
        assertThat(MonitorRoutes.normalizeBasePath("")).isEmpty();
        assertThat(MonitorRoutes.normalizeBasePath("/")).isEmpty();
        assertThat(MonitorRoutes.normalizeBasePath("mon")).isEqualTo("/mon");
        assertThat(MonitorRoutes.normalizeBasePath("/mon/")).isEqualTo("/mon");
    }
}
