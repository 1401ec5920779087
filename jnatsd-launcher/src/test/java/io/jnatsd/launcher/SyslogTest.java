package io.jnatsd.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class SyslogTest {
    private static final String PID = Long.toString(ProcessHandle.current().pid());

    @Test
    void udpMessagesCarryGoSyslogsPriorityTimeHostTagAndPidAndNoLevelLabel() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(5000);
            int port = receiver.getLocalPort();
            Syslog syslog = Syslog.remote("udp://127.0.0.1:" + port);
            syslog.write(Instant.now(), Level.INFO, false, "Server is ready", null);
            syslog.write(Instant.now(), Level.DEBUG, false, "a debug line", null);
            syslog.write(Instant.now(), Level.TRACE, false, "<<- [PING]", null);
            syslog.write(Instant.now(), Level.ERROR, false, "an error", null);
            syslog.write(Instant.now(), Level.WARN, false, "a warning", null);
            syslog.write(Instant.now(), Level.ERROR, true, "fatal", null);
            syslog.close();

            String head = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d) [^ ]+ jnatsd\\[" + PID + "\\]: ";
            assertThat(receive(receiver)).matches("<5>" + head + "Server is ready\n");
            assertThat(receive(receiver)).matches("<7>" + head + "a debug line\n");
            assertThat(receive(receiver)).matches("<5>" + head + "<<- \\[PING\\]\n");
            assertThat(receive(receiver)).matches("<3>" + head + "an error\n");
            assertThat(receive(receiver)).matches("<4>" + head + "a warning\n");
            assertThat(receive(receiver)).matches("<2>" + head + "fatal\n");
        }
    }

    @Test
    void tcpMessagesFollowEachOtherOnOneConnection() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Syslog syslog = Syslog.remote("tcp://127.0.0.1:" + listener.getLocalPort());
            try (Socket accepted = listener.accept()) {
                accepted.setSoTimeout(5000);
                syslog.write(Instant.now(), Level.INFO, false, "one", null);
                syslog.write(Instant.now(), Level.INFO, false, "two", null);
                BufferedReader in = new BufferedReader(new InputStreamReader(accepted.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).startsWith("<5>").endsWith(" jnatsd[" + PID + "]: one");
                assertThat(in.readLine()).startsWith("<5>").endsWith(" jnatsd[" + PID + "]: two");
            } finally {
                syslog.close();
            }
        }
    }

    @Test
    void connectionsThatCannotBeMadeAreNamedInNatsServersWords() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        assertThatThrownBy(() -> Syslog.remote("tcp://127.0.0.1:" + closedPort)).isInstanceOf(LogUnavailable.class)
                .hasMessage("error connecting to syslog: \"dial tcp 127.0.0.1:" + closedPort + ": connect: connection refused\"");
        assertThatThrownBy(() -> Syslog.remote("unix:///nonexistent/syslog.sock"))
                .hasMessage("error connecting to syslog: \"dial unix /nonexistent/syslog.sock: connect: no such file or directory\"");
        assertThatThrownBy(() -> Syslog.remote("foo://x")).hasMessage("error invalid network type: \"foo\"");
        assertThatThrownBy(() -> Syslog.remote("udp://localhost"))
                .hasMessage("error connecting to syslog: \"dial udp: address localhost: missing port in address\"");
    }

    @Test
    void withoutALocalSyslogDaemonTheStartFailsAsNatsServersDoes() {
        assumeTrue(Files.notExists(Path.of("/dev/log")) && Files.notExists(Path.of("/var/run/syslog")),
                "this machine has a local syslog socket");
        assertThatThrownBy(Syslog::local).isInstanceOf(LogUnavailable.class)
                .hasMessage("error connecting to syslog: \"Unix syslog delivery error\"");
    }

    private static String receive(DatagramSocket receiver) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        receiver.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }
}
