package io.jnatsd.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.config.Permissions;
import io.jnatsd.config.SubjectPermission;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Subscribe permissions that name a queue ({@code "foo q1"}) decide as nats-server 2.10.27 decides
 * (each row was sent to it): entries with queues that match the subject leave only their queues
 * allowed (allow list) or refuse their queues (deny list), whatever the plain entries say.
 */
class ClientPermissionsQueueTest {
    private static final ClientPermissions PERMISSIONS = new ClientPermissions(new Permissions(null,
            new SubjectPermission(List.of("foo", "foo q1", "bar.>", "baz v1.*"), List.of("foo q2", "bar.x")), null));

    @ParameterizedTest(name = "SUB {0} {1}: {2}")
    @CsvSource(nullValues = "-", value = {
        "foo, -, true",
        "foo, q1, true",
        "foo, q2, false",
        "foo, q3, false",
        "bar.a, q9, true",
        "bar.x, -, false",
        "bar.x, q1, false",
        "baz, v1.a, true",
        "baz, v1, false",
        "baz, -, false",
        "nope, -, false",
    })
    void subscribeDecidesAsNatsServer(String subject, String queue, boolean allowed) {
        assertThat(PERMISSIONS.canSubscribe(subject, queue)).isEqualTo(allowed);
    }
}
