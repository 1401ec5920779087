package io.jnatsd.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Account to pool index, against the values verified on the wire (ROUTES.md §7). */
class PoolIndexTest {

    @ParameterizedTest
    @CsvSource({
            "$G,   7ABC619C, 2",
            "ACC2, 6801FED8, 2",
            "ACC3, 6902006B, 1",
            "APP,  61A6C98C, 1",
            "$SYS, 02D66AF8, 0"})
    void mapsAccountsAsNatsServerDoesWithThreeConnections(String account, String fnv1a, int index) {
        assertThat(PoolIndex.fnv1a(account)).isEqualTo(Integer.parseUnsignedInt(fnv1a, 16));
        assertThat(PoolIndex.of(account, 3)).isEqualTo(index);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1})
    void everyAccountUsesTheFirstConnectionWithoutARealPool(int poolSize) {
        assertThat(PoolIndex.of("$G", poolSize)).isZero();
        assertThat(PoolIndex.of("ACC2", poolSize)).isZero();
    }

    @ParameterizedTest
    @CsvSource({
            "A,    C40BF6CC, 0, 0, 6",
            "ÄÖÜ,  E9CA3098, 2, 0, 1",
            "ACC1, 6B020391, 2, 1, 2"})
    void hashesAboveTwoToThe31AreTakenUnsignedAndNamesAsUtf8(String account, String fnv1a, int mod3, int mod4,
                                                            int mod7) {
        assertThat(PoolIndex.fnv1a(account)).isEqualTo(Integer.parseUnsignedInt(fnv1a, 16));
        assertThat(PoolIndex.of(account, 3)).isEqualTo(mod3);
        assertThat(PoolIndex.of(account, 4)).isEqualTo(mod4);
        assertThat(PoolIndex.of(account, 7)).isEqualTo(mod7);
    }
}
