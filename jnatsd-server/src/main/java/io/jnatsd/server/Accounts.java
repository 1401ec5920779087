package io.jnatsd.server;

import io.jnatsd.auth.AccountJwtDirectory;
import io.jnatsd.config.AccountOptions;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.dispatch.Account;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The accounts of a server: {@code $G}, the system account and every configured, preloaded or
 * stored one. Which of them are <em>registered</em> follows nats-server, which loads operator-mode
 * accounts lazily: {@code $G}, the system account and configured accounts from the start; a
 * preloaded or stored account JWT only once something uses the account (a client or leaf binds
 * to it, a peer names it, an import reaches it). Registered accounts are what {@code /accountz}
 * and {@code /accstatz} list; the others exist here only so routing never has to create one.
 */
public final class Accounts {
    private final Map<String, Account> byName = new ConcurrentHashMap<>();
    private final List<Consumer<Account>> listeners = new CopyOnWriteArrayList<>();
    /** Registered account -> when its JWT (or configuration) was last put in use: {@code update_time}. */
    private final Map<String, Instant> registered = new ConcurrentHashMap<>();

    public Accounts(ServerOptions options) {
        byName.put(Account.GLOBAL, new Account(Account.GLOBAL));
        if (options.systemAccountName() != null) {
            byName.computeIfAbsent(options.systemAccountName(), Account::new);
        }
        for (AccountOptions account : options.accounts()) {
            byName.computeIfAbsent(account.name(), Account::new);
        }
        byName.keySet().forEach(this::register);
        if (options.operator() != null) {
            // Operator mode: each account JWT's public key names an account.
            options.operator().preload().keySet().forEach(name -> byName.computeIfAbsent(name, Account::new));
            addStored(options);
        }
    }

    /** The accounts the full resolver's directory holds (the authenticator reports an unreadable one). */
    void addStored(ServerOptions options) {
        if (options.operator() == null || options.operator().directory() == null) {
            return;
        }
        try {
            new AccountJwtDirectory(options.operator().directory()).all().keySet().forEach(this::getOrCreate);
        } catch (IOException e) {
            // Authenticator refuses the configuration with the reason.
        }
    }

    public Account get(String name) {
        return byName.get(name);
    }

    /** The account of that name, created when a peer names one this server does not know yet. */
    public Account getOrCreate(String name) {
        Account known = byName.get(name);
        if (known != null) {
            return known;
        }
        Account fresh = new Account(name);
        Account account = byName.putIfAbsent(name, fresh);
        if (account != null) {
            return account;
        }
        listeners.forEach(listener -> listener.accept(fresh));
        return fresh;
    }

    /**
     * Tells {@code listener} of every account created from now on, on the creating thread after it
     * is in place (system imports are wired into it; gateways switch it to interest-only,
     * GATEWAYS.md §4.4), and returns the accounts that exist already.
     */
    public Collection<Account> onCreated(Consumer<Account> listener) {
        listeners.add(listener);
        return all();
    }

    public void removeOnCreated(Consumer<Account> listener) {
        listeners.remove(listener);
    }

    public Collection<Account> all() {
        return byName.values();
    }

    /**
     * Marks an existing account as in use (nats-server registers it).
     *
     * @return whether it was not registered before
     */
    boolean register(String name) {
        return byName.containsKey(name) && registered.putIfAbsent(name, Instant.now()) == null;
    }

    /** A registered account's JWT was replaced: its {@code update_time} moves. */
    void updated(String name) {
        registered.computeIfPresent(name, (account, since) -> Instant.now());
    }

    /** When the account was registered or last updated, or null when it is not registered. */
    public Instant registeredAt(String name) {
        return registered.get(name);
    }

    /** The registered accounts. */
    public List<Account> registered() {
        List<Account> inUse = new ArrayList<>();
        for (String name : registered.keySet()) {
            Account account = byName.get(name);
            if (account != null) {
                inUse.add(account);
            }
        }
        return inUse;
    }
}
