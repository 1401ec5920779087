package io.jnatsd.server;

import io.jnatsd.config.AccountOptions;
import io.jnatsd.config.MappingOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.dispatch.Account;
import io.jnatsd.dispatch.AccountMappings;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Puts subject mappings on the accounts: the top-level {@code mappings} on {@code $G}, an account
 * block's on its account, an account JWT's on its account. Called at start, on reload and when
 * account JWTs change; an account whose mappings changed is reported so leaf connections learn
 * the new sources.
 */
final class ConfiguredMappings {
    private ConfiguredMappings() {
    }

    static void fromOptions(ServerOptions options, Accounts accounts, Supplier<String> clusterName, Consumer<Account> changed) {
        set(accounts.get(Account.GLOBAL), options.mappings(), clusterName, changed);
        fromAccounts(options.accounts(), accounts, clusterName, changed);
    }

    static void fromAccounts(List<AccountOptions> declared, Accounts accounts, Supplier<String> clusterName,
                             Consumer<Account> changed) {
        for (AccountOptions account : declared) {
            set(accounts.getOrCreate(account.name()), account.mappings(), clusterName, changed);
        }
    }

    private static void set(Account account, List<MappingOptions> mappings, Supplier<String> clusterName,
                            Consumer<Account> changed) {
        AccountMappings current = account.mappings();
        List<MappingOptions> before = current == null ? List.of() : current.options();
        if (Objects.equals(before, mappings)) {
            return;
        }
        account.mappings(AccountMappings.of(mappings, clusterName));
        changed.accept(account);
    }
}
