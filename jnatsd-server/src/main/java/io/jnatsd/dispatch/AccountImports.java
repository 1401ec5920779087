package io.jnatsd.dispatch;

import io.jnatsd.config.AccountOptions;
import io.jnatsd.config.ExportOptions.ExportKind;
import io.jnatsd.config.ImportOptions;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Wires the configured stream and service imports into the accounts' indexes (the config layer
 * has already checked that each import is covered by an export open to the importer).
 */
public final class AccountImports {
    private AccountImports() {
    }

    /**
     * @param accounts        account lookup by name
     * @param announce        tells peers of an import's interest in the exporting account
     */
    public static void bind(Iterable<AccountOptions> configured, Function<String, Account> accounts,
                            MessageRouter router, ResponseTracker responses,
                            BiConsumer<Account, Subscription> announce) {
        for (AccountOptions account : configured) {
            Account importer = accounts.apply(account.name());
            for (ImportOptions imported : account.imports()) {
                Account exporter = accounts.apply(imported.account());
                if (importer == null || exporter == null) {
                    continue;
                }
                if (imported.kind() == ExportKind.STREAM) {
                    Subscription subscription = new Subscription(
                            new StreamImport(importer, imported.subject(), imported.to(), router),
                            imported.subject(), null, "import:" + account.name());
                    exporter.subscriptions().insert(subscription);
                    announce.accept(exporter, subscription);
                } else {
                    String local = imported.to() == null ? imported.subject() : imported.to();
                    Subscription subscription = new Subscription(
                            new ServiceImport(importer, exporter, imported.subject(), router, responses),
                            local, null, "service:" + imported.account());
                    importer.subscriptions().insert(subscription);
                }
            }
        }
    }
}
