package io.jnatsd.launcher;

/**
 * Entry point of {@code jnatsd.jar} and {@code bin/jnatsd}: a nats-server compatible command
 * line. Exits with the launcher's status, also to stop Netty's non-daemon threads.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Netty's buffer allocator emits JDK Flight Recorder events whenever JFR is present, and
        // registering them costs the first connection of a fresh server half a second. Whoever
        // records with JFR can still ask for them with -Dio.netty.jfr.enabled=true.
        defaultProperty("io.netty.jfr.enabled", "false");
        // nats-server's log lines come from a binding of our own (NatsLogging); naming it spares
        // SLF4J its class path scan and keeps whatever else is on the class path from taking over.
        defaultProperty("slf4j.provider", NatsLogging.class.getName());
        // ...without SLF4J announcing that choice on stderr at every start.
        defaultProperty("slf4j.internal.verbosity", "WARN");
        // Netty hands the TLS key to the JDK in a PKCS12 key store that lives only in memory, and
        // PKCS12 encrypts every key put in (10,000 PBKDF2 rounds, three times while a TLS context
        // is built): half a second of CPU before the JIT has compiled SHA-256, guarding a copy
        // of a key this process holds in the clear anyway. jnatsd writes no key store files.
        defaultProperty("keystore.pkcs12.keyPbeIterationCount", "1");
        // Netty's leak detector (level "simple" unless told otherwise) wraps one buffer in 128 in
        // a leak-aware subclass and records a stack trace for it. Besides that cost, the second
        // ByteBuf class reaches every call site of the message path (parser, encoders, outbound
        // buffers) at a moment that varies from run to run: the JIT then throws compiled code
        // away and recompiles it for two receiver types (about 100 such deoptimizations per
        // server in a 10 s cluster run, against 15 without the detector), while C2 competes with
        // the event loops for the cores. Tests keep their "paranoid" level;
        // -Dio.netty.leakDetection.level=simple (JAVA_OPTS) brings the detector back.
        if (System.getProperty("io.netty.leakDetectionLevel") == null) {
            defaultProperty("io.netty.leakDetection.level", "disabled");
        }
        System.exit(new Launcher(new NatsConfigurationFiles(System.err), System.out, System.err).run(args));
    }

    /** Sets a system property the command line (JAVA_OPTS) has not set. */
    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
