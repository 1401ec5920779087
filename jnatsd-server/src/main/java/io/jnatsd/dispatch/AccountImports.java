package io.jnatsd.dispatch;

import io.jnatsd.config.AccountOptions;
import io.jnatsd.config.ExportOptions;
import io.jnatsd.config.ExportOptions.ExportKind;
import io.jnatsd.config.ImportOptions;
import io.jnatsd.subject.Subjects;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Wires stream and service imports into the accounts' indexes, whatever declared them (the
 * configuration file, whose reader has already checked each import against the exports, or
 * account JWTs, checked by the authenticator). What it wires can be taken out again, so an
 * account JWT update replaces its imports live.
 */
public final class AccountImports {
    /** One import's subscription, in the exporting account (streams) or the importing one (services). */
    public record Binding(Account account, Subscription subscription, boolean announced) {
    }

    private AccountImports() {
    }

    /**
     * @param accounts  account lookup by name
     * @param requester writes each service request's {@code Nats-Request-Info} header
     * @param announce tells peers of an import's interest in the exporting account
     * @return what was wired, for {@link #unbind}
     */
    public static List<Binding> bind(Iterable<AccountOptions> declared, Function<String, Account> accounts,
                                     MessageRouter router, ResponseTracker responses, RequesterInfo requester,
                                     BiConsumer<Account, Subscription> announce) {
        Map<String, AccountOptions> byName = new HashMap<>();
        declared.forEach(a -> byName.put(a.name(), a));
        List<Binding> bound = new ArrayList<>();
        for (AccountOptions account : declared) {
            Account importer = accounts.apply(account.name());
            for (ImportOptions imported : account.imports()) {
                Account exporter = accounts.apply(imported.account());
                if (importer == null || exporter == null) {
                    continue;
                }
                if (imported.kind() == ExportKind.STREAM) {
                    SubjectMapping mapping = imported.prefix() ? SubjectMapping.prefix(imported.subject(), imported.to())
                            : SubjectMapping.of(imported.subject(), imported.to());
                    Subscription subscription = new Subscription(new StreamImport(importer, mapping, router),
                            imported.subject(), null, "import:" + account.name());
                    exporter.subscriptions().insert(subscription);
                    announce.accept(exporter, subscription);
                    bound.add(new Binding(exporter, subscription, true));
                } else {
                    String local = imported.to() == null ? imported.subject() : imported.to();
                    ExportOptions export = serviceExport(byName.get(imported.account()), imported.subject());
                    boolean single = export == null || export.responseType() == null
                            || "Singleton".equals(export.responseType());
                    long thresholdMillis = (export == null ? ExportOptions.DEFAULT_RESPONSE_THRESHOLD
                            : export.effectiveResponseThreshold()).toMillis();
                    bound.add(bindService(importer, exporter, local, imported.subject(), single, thresholdMillis,
                            requester, imported.share(), false, router, responses));
                }
            }
        }
        return bound;
    }

    /**
     * Wires one service import into {@code importer}: requests on {@code local} go to
     * {@code exported} in {@code exporter}. Also for imports no declaration names (the system
     * account's services every account gets).
     *
     * @param requester writes the requester's identity header on each request
     * @param shared    the header carries all the requester's details
     * @param localOnly requests reach only this server's subscribers in the exporter
     */
    public static Binding bindService(Account importer, Account exporter, String local, String exported,
                                      boolean singleResponse, long thresholdMillis, RequesterInfo requester,
                                      boolean shared, boolean localOnly, MessageRouter router,
                                      ResponseTracker responses) {
        Subscription subscription = new Subscription(
                new ServiceImport(importer, exporter, SubjectMapping.of(local, exported), singleResponse,
                        thresholdMillis, requester, shared, localOnly, router, responses),
                local, null, "service:" + exporter.name());
        importer.subscriptions().insert(subscription);
        return new Binding(importer, subscription, false);
    }

    /** Takes out what {@link #bind} wired, telling peers the imports' interest is gone. */
    public static void unbind(List<Binding> bound, BiConsumer<Account, Subscription> withdraw) {
        for (Binding binding : bound) {
            if (binding.account().subscriptions().remove(binding.subscription()) && binding.announced()) {
                withdraw.accept(binding.account(), binding.subscription());
            }
        }
    }

    /** The exporter's service export covering {@code subject} (the exact one first), or null. */
    private static ExportOptions serviceExport(AccountOptions exporter, String subject) {
        if (exporter == null) {
            return null;
        }
        ExportOptions match = null;
        for (ExportOptions export : exporter.exports()) {
            if (export.kind() == ExportKind.SERVICE && Subjects.isSubsetOf(subject, export.subject())
                    && (match == null || export.subject().equals(subject))) {
                match = export;
            }
        }
        return match;
    }
}
