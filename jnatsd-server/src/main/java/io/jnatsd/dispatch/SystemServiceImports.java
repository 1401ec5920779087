package io.jnatsd.dispatch;

import io.jnatsd.config.ExportOptions;
import io.jnatsd.config.ExportOptions.ExportKind;
import io.jnatsd.config.ImportOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The services of the system account that nats-server 2.10 imports into every account when a
 * system account exists (operator mode or not, {@code $G} too), so that any user may ask about
 * its own account and itself:
 *
 * <ul>
 *   <li>{@code $SYS.REQ.ACCOUNT.PING.CONNZ} and {@code $SYS.REQ.SERVER.PING.CONNZ} lead to
 *       {@code $SYS.REQ.ACCOUNT.<account>.CONNZ}, answered by every server (Streamed);</li>
 *   <li>{@code $SYS.REQ.ACCOUNT.PING.STATZ} to {@code $SYS.REQ.ACCOUNT.<account>.STATZ}
 *       (Streamed; servers without connections of the account stay silent);</li>
 *   <li>{@code $SYS.REQ.USER.INFO} to {@code $SYS.REQ.USER.<account>.INFO}, shared (the request
 *       carries the requester's identity) and answered by the requester's server only.</li>
 * </ul>
 *
 * The system account itself gets only the last one, as in nats-server. Each import is an
 * {@link ImportOptions} whose {@code subject} is the system account's subject and {@code to} the
 * local one, in the order {@code /accountz} lists them.
 */
public final class SystemServiceImports {
    private static final String USER_INFO = "$SYS.REQ.USER.INFO";

    private SystemServiceImports() {
    }

    /** The imports {@code account} gets from {@code systemAccount}. */
    public static List<ImportOptions> of(String account, String systemAccount) {
        ImportOptions userInfo = service(systemAccount, "$SYS.REQ.USER." + account + ".INFO", USER_INFO);
        if (account.equals(systemAccount)) {
            return List.of(userInfo);
        }
        String connz = "$SYS.REQ.ACCOUNT." + account + ".CONNZ";
        return List.of(
                service(systemAccount, connz, "$SYS.REQ.ACCOUNT.PING.CONNZ"),
                service(systemAccount, connz, "$SYS.REQ.SERVER.PING.CONNZ"),
                service(systemAccount, "$SYS.REQ.ACCOUNT." + account + ".STATZ", "$SYS.REQ.ACCOUNT.PING.STATZ"),
                userInfo);
    }

    /**
     * The services nats-server 2.10.27 exports from the system account for those imports and its
     * debug service, as {@code /accountz} lists them; {@code $JS.API.>} too when the server is not
     * standalone (it has a cluster or a gateway), although no JetStream API answers behind it.
     */
    public static List<ExportOptions> exports(boolean standalone) {
        List<ExportOptions> exports = new ArrayList<>(List.of(
                new ExportOptions(ExportKind.SERVICE, "$SYS.REQ.ACCOUNT.*.CONNZ", List.of(), "Stream"),
                new ExportOptions(ExportKind.SERVICE, "$SYS.REQ.ACCOUNT.*.STATZ", List.of(), "Stream"),
                new ExportOptions(ExportKind.SERVICE, "$SYS.DEBUG.SUBSCRIBERS", List.of(), "Singleton"),
                new ExportOptions(ExportKind.SERVICE, "$SYS.REQ.USER.*.INFO", List.of(), "Singleton")));
        if (!standalone) {
            exports.add(new ExportOptions(ExportKind.SERVICE, "$JS.API.>", List.of(), "Singleton"));
        }
        return exports;
    }

    /** Whether the import passes the requester's identity on (only {@code $SYS.REQ.USER.INFO}). */
    public static boolean shared(ImportOptions imported) {
        return USER_INFO.equals(imported.to());
    }

    private static ImportOptions service(String systemAccount, String exported, String local) {
        return new ImportOptions(ExportKind.SERVICE, systemAccount, exported, local);
    }
}
