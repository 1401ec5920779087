package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same upgrade requests to nats-server 2.10.27's websocket listener and to jnatsd's: the
 * status lines, headers (but the date) and bodies of the answers must be equal, and so must
 * whether the connection stays open after a refusal. Skips without NATS_SERVER_210.
 */
class WebsocketUpgradeInteropTest {
    private static final String BLOCK = "no_tls: true, compression: true, allowed_origins: [\"http://good.example\"], "
            + "advertise: \"ws.example:443\", same_origin: false, handshake_timeout: \"5s\", "
            + "authorization { timeout: 3 }";
    private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    private static GoServer go;
    private static int goPort;
    private static JnatsdServer jnatsd;

    @BeforeAll
    static void start() throws Exception {
        GoServer.binary("NATS_SERVER_210");
        goPort = GoServer.freePort();
        go = GoServer.start("NATS_SERVER_210", "go-ws", "C", List.of(), "",
                "websocket { host: 127.0.0.1, port: " + goPort + ", " + BLOCK + " }");
        jnatsd = JnatsdServer.builder().configString("http_port: -1\nwebsocket { host: 127.0.0.1, port: -1, " + BLOCK + " }")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (jnatsd != null) {
            jnatsd.close();
        }
        if (go != null) {
            go.close();
        }
    }

    private static String request(String method, String version, String hostLine, String headers) {
        return method + " / " + version + "\r\n" + hostLine + headers + "\r\n";
    }

    private static String upgradeHeaders(String extra) {
        return "Upgrade: websocket\r\nConnection: Upgrade\r\n" + KEY + "Sec-WebSocket-Version: 13\r\n" + extra;
    }

    private static void sameAnswer(String request) throws IOException {
        assertThat(answer(jnatsd.server().websocketPort(), request)).as(request)
                .isEqualTo(answer(goPort, request));
    }

    @Test
    void anAcceptedUpgradeIsAnsweredAlike() throws IOException {
        sameAnswer(request("GET", "HTTP/1.1", "Host: localhost\r\n", upgradeHeaders("")));
        sameAnswer(request("GET", "HTTP/1.1", "Host: localhost\r\n", upgradeHeaders("Origin: http://good.example\r\n")));
        sameAnswer(request("GET", "HTTP/1.1", "Host: localhost\r\n",
                upgradeHeaders("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")));
        sameAnswer(request("GET", "HTTP/1.1", "Host: localhost\r\n", upgradeHeaders("Nats-No-Masking: true\r\n")));
        sameAnswer(request("GET", "HTTP/1.1", "Host: localhost\r\n",
                "upgrade: WebSocket\r\nconnection: keep-alive, upgrade\r\n" + KEY + "sec-websocket-version: 13\r\n"));
    }

    @Test
    void refusedUpgradesGetTheSameStatusHeadersAndBody() throws IOException {
        String host = "Host: localhost\r\n";
        sameAnswer(request("POST", "HTTP/1.1", host, upgradeHeaders("")));
        sameAnswer(request("PUT", "HTTP/1.1", host, upgradeHeaders("")));
        sameAnswer(request("GET", "HTTP/1.1", host, upgradeHeaders("").replace(KEY, "")));
        sameAnswer(request("GET", "HTTP/1.1", host, upgradeHeaders("").replace("13", "8")));
        sameAnswer(request("GET", "HTTP/1.1", host, upgradeHeaders("").replace("Upgrade: websocket\r\n", "")));
        sameAnswer(request("GET", "HTTP/1.1", host, upgradeHeaders("").replace("Connection: Upgrade\r\n", "")));
        sameAnswer(request("GET", "HTTP/1.1", host, upgradeHeaders("Origin: http://evil.example\r\n")));
        sameAnswer(request("GET", "HTTP/1.1", host, upgradeHeaders("Origin: https://good.example\r\n")));
        sameAnswer(request("GET", "HTTP/1.1", host, upgradeHeaders("Origin: not a url\r\n")));
        sameAnswer(request("GET", "HTTP/1.1", host, "Connection: close\r\n"));
        sameAnswer(request("GET", "HTTP/1.0", "", upgradeHeaders("")));
        sameAnswer(request("GET", "HTTP/1.1", "", upgradeHeaders("")));
        sameAnswer("HELLO\r\n\r\n");
        // bytes after the request, before the 101: both close without a word
        sameAnswer(request("GET", "HTTP/1.1", host, upgradeHeaders("")) + "\u0082\u0086abcdPING\r\n");
    }

    @Test
    void theLeafNodePathIsUpgradedThenClosedWhenNoLeafNodesAreAccepted() throws IOException {
        String leaf = "GET /leafnode HTTP/1.1\r\nHost: localhost\r\n" + upgradeHeaders("") + "\r\n";
        sameAnswer(leaf);
    }

    @Test
    void varzShowsTheSameWebsocketObject() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var ours = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                java.net.URI.create(jnatsd.monitorUrl() + "/varz").toURL()).get("websocket");
        var theirs = (com.fasterxml.jackson.databind.node.ObjectNode) go.monitor("varz").get("websocket");
        assertThat(ours.get("port").asInt()).isEqualTo(jnatsd.server().websocketPort());
        assertThat(theirs.get("port").asInt()).isEqualTo(goPort);
        ours.remove("port");
        theirs.remove("port");
        assertThat(ours).isEqualTo(theirs);
    }

    /** Head (without its Date line) and body of the reply, and whether the server closed the connection after it. */
    private static String answer(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (head.startsWith("HTTP/1.1 101")) {
                return head;
            }
            String body;
            boolean closed;
            var length = java.util.regex.Pattern.compile("Content-Length: (\\d+)").matcher(head);
            if (length.find()) {
                body = new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.ISO_8859_1);
                closed = !servesAnotherRequest(socket, in);
            } else {
                body = readToEnd(in);
                closed = true;
            }
            return head.replaceAll("Date: [^\r]*\r\n", "") + body + (closed ? "\n[closed]" : "\n[open]");
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head + "[closed before the end of the head]";
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Whether the connection still takes a request (HTTP keep-alive): a good upgrade is then answered with 101. */
    private static boolean servesAnotherRequest(Socket socket, InputStream in) {
        try {
            socket.getOutputStream().write(request("GET", "HTTP/1.1", "Host: localhost\r\n", upgradeHeaders(""))
                    .getBytes(StandardCharsets.ISO_8859_1));
            return readHead(in).startsWith("HTTP/1.1 101");
        } catch (IOException closed) {
            return false;
        }
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            in.transferTo(out);
        } catch (SocketTimeoutException e) {
            out.write("[timeout]".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
