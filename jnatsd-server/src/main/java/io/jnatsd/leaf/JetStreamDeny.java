package io.jnatsd.leaf;

import java.util.List;

/**
 * The JetStream subjects nats-server keeps off a leaf connection unless both servers share
 * JetStream in one domain, which for jnatsd, without JetStream, is every leaf connection: its
 * {@code denyAllClientJs} ({@code $JS.API.>}, {@code $KV.>}, {@code $OBJ.>}), and on the system
 * account's connection its {@code denyAllJs} (those and {@code $JSC.>}, {@code $NRG.>}).
 *
 * <p>Every entry is {@code <prefix>.>}, so a subject is denied when it starts with a prefix and
 * has a token after it: a test of the first character settles almost every message, which is why
 * this is not folded into {@link LeafPermissions}, whose check runs a subject cache per message.
 * A wildcard subscription is denied the same way ({@code $KV.>} is, {@code >} and {@code $JS.>}
 * are not), as nats-server matches it against the deny list token by token.
 */
final class JetStreamDeny {
    static final JetStreamDeny NONE = new JetStreamDeny(List.of());
    static final JetStreamDeny CLIENT = new JetStreamDeny(List.of("$JS.API.", "$KV.", "$OBJ."));
    static final JetStreamDeny SYSTEM = new JetStreamDeny(List.of("$JSC.", "$NRG.", "$JS.API.", "$KV.", "$OBJ."));

    private final List<String> prefixes;

    private JetStreamDeny(List<String> prefixes) {
        this.prefixes = prefixes;
    }

    boolean denies(String subject) {
        if (subject.isEmpty() || subject.charAt(0) != '$') {
            return false;
        }
        for (String prefix : prefixes) {
            if (subject.length() > prefix.length() && subject.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
