package io.jnatsd.protocol.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.protocol.ProtocolException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Route INFO and CONNECT JSON as nats-server writes and reads it (ROUTES.md §1, §3, §4). */
class RouteInfoTest {
    /** Captured from a 2.10.27 server with route permissions, plus fields jnatsd does not know. */
    private static final String CAPTURED_WITH_PERMISSIONS = "{\"server_id\":\"NDXXXXE1\",\"server_name\":\"E1\","
            + "\"version\":\"2.10.27\",\"proto\":2,\"go\":\"go1.24.4\",\"host\":\"127.0.0.1\",\"port\":15511,"
            + "\"headers\":true,\"max_payload\":1048576,\"nonce\":\"NONCE\",\"cluster\":\"PERM\","
            + "\"compression\":\"accept\",\"import\":{\"allow\":[\"foo.\\u003e\"]},"
            + "\"export\":{\"allow\":[\"bar.\\u003e\"],\"deny\":[\"bar.secret\"]},\"lnoc\":true,\"lnocu\":true}";

    private static final String CAPTURED_SOLICITOR_SYS = "{\"server_id\":\"NDXXXXC\",\"server_name\":\"C\","
            + "\"version\":\"2.10.27\",\"proto\":2,\"go\":\"go1.24.4\",\"host\":\"127.0.0.1\",\"port\":15113,"
            + "\"headers\":true,\"max_payload\":1048576,\"ip\":\"nats-route://127.0.0.1:15113/\",\"nonce\":\"NONCE\","
            + "\"cluster\":\"C1\",\"connect_urls\":[\"127.0.0.1:15003\"],\"compression\":\"off\",\"lnoc\":true,"
            + "\"lnocu\":true,\"route_pool_size\":3,\"route_account\":\"$SYS\"}";

    @Test
    void readsEscapedWildcardsAndIgnoresUnknownFields() throws Exception {
        String withUnknown = CAPTURED_WITH_PERMISSIONS.substring(0, CAPTURED_WITH_PERMISSIONS.length() - 1)
                + ",\"gossip_mode\":1,\"xkey\":\"XK\",\"future\":{\"nested\":[1,2,{\"a\":null}]}}";
        RouteInfo info = RouteInfo.parse(withUnknown);
        assertThat(info.serverId).isEqualTo("NDXXXXE1");
        assertThat(info.port).isEqualTo(15511);
        assertThat(info.compression).isEqualTo("accept");
        assertThat(info.importPermissions).containsEntry("allow", List.of("foo.>"));
        assertThat(info.exportPermissions).containsEntry("allow", List.of("bar.>"))
                .containsEntry("deny", List.of("bar.secret"));
        assertThat(info.lnocu).isTrue();
        assertThat(info.routePoolSize).as("2.9-style INFO without pool size").isZero();
    }

    @Test
    void writesBackTheCapturedJsonByteForByte() throws Exception {
        assertThat(RouteInfo.parse(CAPTURED_WITH_PERMISSIONS).json()).isEqualTo(CAPTURED_WITH_PERMISSIONS);
        assertThat(RouteInfo.parse(CAPTURED_SOLICITOR_SYS).json()).isEqualTo(CAPTURED_SOLICITOR_SYS);
    }

    @Test
    void aServerInfoLineEndsWithASpaceAndAForwardedOneDoesNot() throws Exception {
        RouteInfo info = RouteInfo.parse(CAPTURED_SOLICITOR_SYS);
        assertThat(info.line()).isEqualTo("INFO " + CAPTURED_SOLICITOR_SYS + " \r\n");
        assertThat(info.gossipLine()).isEqualTo("INFO " + CAPTURED_SOLICITOR_SYS + "\r\n");
    }

    @Test
    void aCopyIsIndependentOfItsOriginal() throws Exception {
        RouteInfo info = RouteInfo.parse(CAPTURED_SOLICITOR_SYS);
        RouteInfo copy = info.copy();
        copy.nonce = null;
        copy.connectUrls = List.of("127.0.0.1:1");
        assertThat(info.nonce).isEqualTo("NONCE");
        assertThat(info.connectUrls).containsExactly("127.0.0.1:15003");
        assertThat(copy.json()).doesNotContain("nonce");
    }

    @Test
    void poolIndexZeroAndAbsentFlagsAreOmittedAsGoOmitsEmptyValues() {
        RouteInfo info = new RouteInfo();
        info.serverId = "S";
        info.routePoolSize = 3;
        info.routePoolIndex = 0;
        assertThat(info.json()).isEqualTo("{\"server_id\":\"S\",\"route_pool_size\":3}");
        info.routePoolIndex = 2;
        assertThat(info.json()).isEqualTo("{\"server_id\":\"S\",\"route_pool_size\":3,\"route_pool_idx\":2}");
    }

    /** Go's decoder refuses a value of the wrong JSON type, and so do we (no coercion of "2" to 2). */
    @Test
    void aWronglyTypedFieldIsAProtocolError() {
        assertThatThrownBy(() -> RouteInfo.parse("{\"server_id\":\"S\",\"port\":\"15511\"}"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> RouteInfo.parse("{\"lnoc\":1}")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RouteConnect.parse("{\"name\":7}")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RouteInfo.parse("[]")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void malformedJsonIsAProtocolError() {
        assertThatThrownBy(() -> RouteInfo.parse("{\"server_id\":")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> RouteInfo.parse("")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void theRouteConnectMatchesTheCapturedOne() throws Exception {
        String captured = "{\"echo\":true,\"verbose\":false,\"pedantic\":false,\"tls_required\":false,"
                + "\"headers\":true,\"name\":\"NDXXXXC\",\"cluster\":\"C1\",\"lnoc\":true}";
        RouteConnect connect = RouteConnect.parse(captured);
        assertThat(connect.name).isEqualTo("NDXXXXC");
        assertThat(connect.cluster).isEqualTo("C1");
        assertThat(connect.line()).isEqualTo("CONNECT " + captured + "\r\n");
    }

    @Test
    void aClientConnectOnTheRoutePortIsRecognisedByItsLang() throws Exception {
        RouteConnect connect = RouteConnect.parse("{\"verbose\":false,\"lang\":\"java\",\"version\":\"2.24.0\"}");
        assertThat(connect.lang).isEqualTo("java");
    }
}
