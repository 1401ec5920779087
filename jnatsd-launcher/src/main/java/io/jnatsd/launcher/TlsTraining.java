package io.jnatsd.launcher;

import io.jnatsd.config.TlsOptions;
import io.jnatsd.transport.tls.TlsContext;
import io.netty.buffer.ByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * One TLS handshake in memory, for the start that records the class archive ({@code bin/jnatsd}'s
 * training): a server TLS context built from PEM files as a {@code tls {}} block builds it, and a
 * client completing a handshake with its server engine, so that the archive holds what a TLS
 * start and a first TLS client load (Netty's and the JDK's TLS classes, PEM and PKCS#8 reading,
 * RSA signing, the key exchange; some 350 classes otherwise parsed from the jar and the JDK's
 * modules at every TLS start, docs/STARTUP.md). Never on an ordinary start.
 *
 * <p>The key and its self-signed certificate are made here, used for this one handshake between
 * two engines of this process, and deleted: nothing listens, and no key material ships in the jar.
 */
final class TlsTraining {
    /** sha256WithRSAEncryption, with its NULL parameters. */
    private static final byte[] SHA256_WITH_RSA = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00};

    private TlsTraining() {
    }

    static void handshake() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path directory = Files.createTempDirectory("jnatsd-training");
        Path certificate = directory.resolve("cert.pem");
        Path key = directory.resolve("key.pem");
        try {
            Files.writeString(certificate, pem("CERTIFICATE", selfSigned(keys)));
            Files.writeString(key, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            TlsOptions options = new TlsOptions(certificate.toString(), key.toString(), null, false, false, false,
                    null, List.of(), List.of(), false, null);
            SSLEngine server = TlsContext.server(options).newServerHandler(ByteBufAllocator.DEFAULT, true).engine();
            SSLContext clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, new TrustManager[] {new TrustingManager()}, null);
            SSLEngine client = clientContext.createSSLEngine("localhost", 4222);
            client.setUseClientMode(true);
            exchange(client, server);
        } finally {
            Files.deleteIfExists(certificate);
            Files.deleteIfExists(key);
            Files.deleteIfExists(directory);
        }
    }

    /** Runs the handshake between the two engines, then one record of application data from the client. */
    private static void exchange(SSLEngine client, SSLEngine server) throws SSLException {
        int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(size);
        ByteBuffer toClient = ByteBuffer.allocate(size);
        ByteBuffer application = ByteBuffer.allocate(client.getSession().getApplicationBufferSize() + 64);
        ByteBuffer empty = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 100 && (busy(client) || busy(server)); step++) {
            client.wrap(empty, toServer);
            runTasks(client);
            toServer.flip();
            server.unwrap(toServer, application);
            toServer.compact();
            runTasks(server);
            server.wrap(empty, toClient);
            runTasks(server);
            toClient.flip();
            client.unwrap(toClient, application);
            toClient.compact();
            runTasks(client);
        }
        if (busy(client) || busy(server)) {
            throw new SSLException("the training handshake did not finish");
        }
        byte[] ping = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
        client.wrap(ByteBuffer.wrap(ping), toServer);
        toServer.flip();
        application.clear();
        server.unwrap(toServer, application);
        if (application.position() != ping.length) {
            throw new SSLException("the training record did not arrive");
        }
    }

    private static boolean busy(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED;
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }

    /** A version 1 certificate for CN=jnatsd-training, valid 2025 to 2049, signed by its own key. */
    private static byte[] selfSigned(KeyPair keys) throws GeneralSecurityException {
        byte[] name = new X500Principal("CN=jnatsd-training").getEncoded();
        byte[] validity = der(0x30, der(0x17, ascii("250101000000Z")), der(0x17, ascii("491231235959Z")));
        byte[] body = der(0x30, new byte[] {0x02, 0x01, 0x01}, SHA256_WITH_RSA, name, validity, name,
                keys.getPublic().getEncoded());
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(body);
        byte[] signed = signature.sign();
        byte[] bits = new byte[signed.length + 1];
        System.arraycopy(signed, 0, bits, 1, signed.length);
        return der(0x30, body, SHA256_WITH_RSA, der(0x03, bits));
    }

    /** A DER element: tag, definite length, then the parts. */
    private static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream element = new ByteArrayOutputStream();
        element.write(tag);
        int length = content.size();
        if (length < 0x80) {
            element.write(length);
        } else if (length < 0x100) {
            element.write(0x81);
            element.write(length);
        } else {
            element.write(0x82);
            element.write(length >> 8);
            element.write(length);
        }
        element.writeBytes(content.toByteArray());
        return element.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Trusts the one certificate of this in-memory handshake: there is no other peer. */
    private static final class TrustingManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
