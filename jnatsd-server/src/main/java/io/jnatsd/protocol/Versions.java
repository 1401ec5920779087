package io.jnatsd.protocol;

/**
 * Version strings. On the wire jnatsd reports the nats-server release whose behaviour it
 * implements, because clients and peer servers switch features on by that version; its own
 * version appears in logs and the launcher's {@code --version}.
 */
public final class Versions {
    public static final String PROTOCOL_VERSION = "2.10.27";
    public static final String JNATSD_VERSION = "0.1.0";
    public static final String RUNTIME = "java" + System.getProperty("java.version");

    private Versions() {
    }
}
