package io.jnatsd.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReloadPlanTest {
    private final ServerOptions base = ServerOptions.builder().cluster(ClusterOptions.listen("127.0.0.1", 4248)).build();

    @Test
    void identical_options_change_nothing() {
        ReloadPlan plan = ReloadPlan.between(base, base.toBuilder().build());
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.canReload()).isTrue();
    }

    @Test
    void logging_limits_and_authorization_changes_can_be_reloaded() {
        ServerOptions neu = base.toBuilder().debug(true).maxPayload(2048).pingInterval(Duration.ofSeconds(5))
                .logtimeUtc(true).authorization(AuthorizationOptions.token("t")).build();
        ReloadPlan plan = ReloadPlan.between(base, neu);
        assertThat(plan.changed()).containsExactlyInAnyOrder("debug", "max_payload", "ping_interval", "logtime_utc",
                "authorization");
        assertThat(plan.canReload()).isTrue();
    }

    @Test
    void listen_address_server_name_and_lame_duck_changes_are_refused() {
        ServerOptions neu = base.toBuilder().host("127.0.0.2").port(5222).serverName("other")
                .lameDuckDuration(Duration.ofMinutes(5)).maxPending(1024).build();
        ReloadPlan plan = ReloadPlan.between(base, neu);
        assertThat(plan.refused()).containsExactlyInAnyOrder("host", "port", "server_name", "lame_duck_duration", "max_pending");
        assertThat(plan.canReload()).isFalse();
    }

    @Test
    void a_leafnode_reload_may_change_the_tls_files_of_the_listener_and_the_remotes_but_nothing_else() {
        Duration two = Duration.ofSeconds(2);
        LeafNodeOptions leaf = leafnodes(tls("a", two, false), tls("a-for-hub", two, false));
        ServerOptions withLeaf = base.toBuilder().leafnodes(leaf).build();
        assertThat(ReloadPlan.between(withLeaf, withLeaf.toBuilder().build()).changes()).isEmpty();

        ReloadPlan files = ReloadPlan.between(withLeaf, withLeaf.toBuilder()
                .leafnodes(leafnodes(tls("a2", two, false), tls("b2", two, false))).build());
        assertThat(files.changes()).containsExactly(new ReloadPlan.Change("leafnodes", true));

        for (LeafNodeOptions refused : List.of(leaf.withListen("127.0.0.1", 7423),
                leafnodes(null, tls("a-for-hub", two, false)),
                leafnodes(tls("a", two, false), null),
                leafnodes(tls("a", Duration.ofSeconds(5), false), tls("a-for-hub", two, false)))) {
            assertThat(ReloadPlan.between(withLeaf, withLeaf.toBuilder().leafnodes(refused).build()).refused())
                    .as(refused.toString()).containsExactly("leafnodes");
        }
    }

    private static LeafNodeOptions leafnodes(TlsOptions tls, TlsOptions remoteTls) {
        LeafNodeOptions.Remote remote = new LeafNodeOptions.Remote(List.of(java.net.URI.create("nats-leaf://hub:7422")),
                null, false).withTls(remoteTls);
        return new LeafNodeOptions("127.0.0.1", 7422, null, false, List.of(), LeafNodeOptions.DEFAULT_AUTH_TIMEOUT,
                LeafNodeOptions.DEFAULT_RECONNECT, List.of(remote), tls, null, null);
    }

    @Test
    void a_cluster_reload_may_change_its_tls_files_but_not_whether_routes_use_tls() {
        Duration two = Duration.ofSeconds(2);
        ServerOptions old = base.toBuilder().cluster(base.cluster().withTls(tls("a", two, false))).build();
        ReloadPlan files = ReloadPlan.between(old, old.toBuilder().cluster(base.cluster().withTls(tls("a2", two, false)))
                .build());
        assertThat(files.changes()).containsExactly(new ReloadPlan.Change("cluster", true));
        assertThat(ReloadPlan.between(old, base).refused()).containsExactly("cluster");
        assertThat(ReloadPlan.between(base, old).refused()).containsExactly("cluster");
    }

    private static TlsOptions tls(String cert, Duration timeout, boolean verifyAndMap) {
        return new TlsOptions(cert + ".pem", cert + "-key.pem", "ca.pem", false, verifyAndMap, false, timeout,
                List.of(), List.of(), false, null);
    }

    private static GatewayOptions gateway(TlsOptions tls, TlsOptions remoteTls) {
        return new GatewayOptions("A", "127.0.0.1", 7222, null, 0, null, null, GatewayOptions.DEFAULT_AUTH_TIMEOUT,
                tls, false, List.of(new GatewayOptions.RemoteGateway("B", List.of(java.net.URI.create("nats://b:7222")),
                remoteTls)));
    }

    /** As nats-server 2.10.27 judged each case (reload of a running server, SIGHUP). */
    @Test
    void a_gateway_reload_may_change_tls_files_and_ciphers_but_not_tls_presence_timeout_or_mapping() {
        Duration two = Duration.ofSeconds(2);
        ServerOptions old = base.toBuilder().gateway(gateway(tls("a", two, false), tls("a-for-b", two, false))).build();
        TlsOptions ciphers = new TlsOptions("a2.pem", "a2-key.pem", "ca2.pem", true, false, false, two,
                List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), List.of(), false, "1.3");
        ReloadPlan files = ReloadPlan.between(old, old.toBuilder().gateway(gateway(ciphers, tls("b2", two, false))).build());
        assertThat(files.changes()).containsExactly(new ReloadPlan.Change("gateway", true));

        for (GatewayOptions refused : List.of(gateway(null, tls("a-for-b", two, false)),
                gateway(tls("a", Duration.ofSeconds(5), false), tls("a-for-b", two, false)),
                gateway(tls("a", two, true), tls("a-for-b", two, false)),
                gateway(tls("a", two, false), null),
                gateway(tls("a", two, false), tls("a-for-b", two, false)).withListen("127.0.0.1", 7223))) {
            assertThat(ReloadPlan.between(old, old.toBuilder().gateway(refused).build()).refused())
                    .as(refused.toString()).containsExactly("gateway");
        }
    }

    @Test
    void the_refusal_names_the_first_refused_option_in_nats_servers_words() {
        assertThat(ReloadPlan.between(base, base.toBuilder().port(4333).lameDuckDuration(Duration.ofMinutes(1)).build())
                .refusal()).isEqualTo("Port: old=4222, new=4333");
        assertThat(ReloadPlan.between(base, base.toBuilder().cluster(ClusterOptions.listen("127.0.0.1", 4249)).build())
                .refusal()).isEqualTo("cluster port: old=4248, new=4249");
        LeafNodeOptions leaf = leafnodes(null, null);
        ServerOptions withLeaf = base.toBuilder().leafnodes(leaf).build();
        assertThat(ReloadPlan.between(withLeaf, withLeaf.toBuilder().leafnodes(leaf.withListen("127.0.0.1", 7423)).build())
                .refusal()).isEqualTo("LeafNode");
        assertThat(ReloadPlan.between(base, base).refusal()).isEmpty();
        // an unnamed system account is nats-server's empty SystemAccount, not the $SYS it makes later
        assertThat(ReloadPlan.between(base, base.toBuilder().systemAccount("A").build()).refusal())
                .isEqualTo("SystemAccount: old=, new=A");
    }

    @Test
    void a_port_changed_to_zero_is_ignored_like_nats_server_does() {
        assertThat(ReloadPlan.between(base, base.toBuilder().port(0).build()).canReload()).isTrue();
    }

    @Test
    void routes_reload_but_other_cluster_changes_are_refused_because_the_cluster_applies_them_at_start() {
        ServerOptions routes = base.toBuilder().cluster(base.cluster()
                .withRoutes(List.of(java.net.URI.create("nats://127.0.0.1:4249")))).build();
        assertThat(ReloadPlan.between(base, routes).changes())
                .containsExactly(new ReloadPlan.Change(ReloadPlan.CLUSTER_ROUTES, true));
        ServerOptions pool = base.toBuilder().cluster(base.cluster().withPoolSize(5)).build();
        assertThat(ReloadPlan.between(base, pool).refused()).containsExactly("cluster");
        ServerOptions both = routes.toBuilder().cluster(routes.cluster().withPoolSize(5)).build();
        assertThat(ReloadPlan.between(base, both).refused()).containsExactly("cluster");
        assertThat(ReloadPlan.between(routes, routes.toBuilder().build()).canReload()).isTrue();
        ServerOptions moved = base.toBuilder().cluster(ClusterOptions.listen("127.0.0.1", 4249)).build();
        assertThat(ReloadPlan.between(base, moved).refused()).containsExactly("cluster port");
        ServerOptions off = base.toBuilder().cluster(null).build();
        assertThat(ReloadPlan.between(base, off).refused()).containsExactly("cluster host", "cluster port");
    }

    @Test
    void no_auth_user_may_only_be_removed_together_with_its_user() {
        UserOptions app = new UserOptions("app", "pw", null, null);
        ServerOptions withUser = base.toBuilder().noAuthUser("app")
                .authorization(new AuthorizationOptions(null, null, null, List.of(app), AuthorizationOptions.DEFAULT_TIMEOUT, null)).build();
        ServerOptions userGone = base.toBuilder().build();
        ServerOptions userStays = withUser.toBuilder().noAuthUser(null).build();
        assertThat(ReloadPlan.between(withUser, userGone).refused()).doesNotContain("no_auth_user");
        assertThat(ReloadPlan.between(withUser, userStays).refused()).containsExactly("no_auth_user");
        assertThat(ReloadPlan.between(base, withUser).refused()).containsExactly("no_auth_user");
    }
}
