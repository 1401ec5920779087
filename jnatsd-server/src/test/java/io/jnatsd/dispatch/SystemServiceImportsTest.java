package io.jnatsd.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.config.ImportOptions;
import org.junit.jupiter.api.Test;

/** The system services nats-server 2.10.27 imports into every account, as its {@code /accountz} lists them. */
class SystemServiceImportsTest {

    @Test
    void anAccountImportsItsOwnConnzStatzAndUserInfoFromTheSystemAccount() {
        assertThat(SystemServiceImports.of("A", "SYS")).extracting(ImportOptions::to, ImportOptions::subject)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("$SYS.REQ.ACCOUNT.PING.CONNZ", "$SYS.REQ.ACCOUNT.A.CONNZ"),
                        org.assertj.core.groups.Tuple.tuple("$SYS.REQ.SERVER.PING.CONNZ", "$SYS.REQ.ACCOUNT.A.CONNZ"),
                        org.assertj.core.groups.Tuple.tuple("$SYS.REQ.ACCOUNT.PING.STATZ", "$SYS.REQ.ACCOUNT.A.STATZ"),
                        org.assertj.core.groups.Tuple.tuple("$SYS.REQ.USER.INFO", "$SYS.REQ.USER.A.INFO"));
        assertThat(SystemServiceImports.of("A", "SYS")).allSatisfy(i -> assertThat(i.account()).isEqualTo("SYS"))
                .filteredOn(SystemServiceImports::shared).extracting(ImportOptions::to)
                .containsExactly("$SYS.REQ.USER.INFO");
    }

    @Test
    void theSystemAccountImportsOnlyUserInfoFromItself() {
        assertThat(SystemServiceImports.of("SYS", "SYS")).extracting(ImportOptions::subject)
                .containsExactly("$SYS.REQ.USER.SYS.INFO");
    }
}
