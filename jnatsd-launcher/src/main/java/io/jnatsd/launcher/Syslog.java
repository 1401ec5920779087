package io.jnatsd.launcher;

import io.jnatsd.link.DialError;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * {@code syslog: true} ({@code -s}) and {@code remote_syslog} ({@code -r udp://host:514},
 * {@code tcp://}, {@code unix:///path}) as nats-server writes them, which is Go's
 * {@code log/syslog}: one message per line, {@code <PRI>}, a time stamp, the tag and the pid,
 * no level label. Notices, traces included, are priority 5, debug 7, errors 3, warnings 4,
 * fatal lines 2; the local log adds the daemon facility and leaves the host name out.
 *
 * <p>A connection that cannot be made is fatal at start, with nats-server's line. A stream
 * whose write fails is dialled again once for that message, as Go's writer does.
 *
 * <p>The local log is the first of {@code /dev/log}, {@code /var/run/syslog} and
 * {@code /var/run/log} that takes a stream connection. Go would also send datagrams there,
 * which Java 17 cannot (no datagram Unix sockets): with such a socket only, jnatsd warns and
 * logs to stderr rather than refusing to start where nats-server would not.
 */
final class Syslog implements LogDestination {
    private static final List<String> LOCAL_SOCKETS = List.of("/dev/log", "/var/run/syslog", "/var/run/log");
    private static final int FACILITY_DAEMON = 3 << 3;
    private static final DateTimeFormatter LOCAL_STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);
    /** nats-server tags its messages with its executable's name. */
    private static final String TAG = "jnatsd";

    private final Transport transport;
    private final boolean local;
    private final String hostname;
    private final long pid = ProcessHandle.current().pid();

    private Syslog(Transport transport, boolean local, String hostname) {
        this.transport = transport;
        this.local = local;
        this.hostname = hostname;
    }

    /** The local syslog daemon; null when it only takes datagrams (logged to stderr then, with a warning). */
    static Syslog local() throws LogUnavailable {
        boolean datagramsOnly = false;
        for (String socket : LOCAL_SOCKETS) {
            Path path = Path.of(socket);
            if (!Files.exists(path) || Files.isDirectory(path)) {
                continue;
            }
            UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
            try {
                return new Syslog(new Stream(address, SocketChannel.open(address)), true, null);
            } catch (IOException e) {
                datagramsOnly = true;
            }
        }
        if (datagramsOnly) {
            return null;
        }
        throw new LogUnavailable("error connecting to syslog: \"Unix syslog delivery error\"");
    }

    /** {@code udp://host:port}, {@code tcp://host:port} or {@code unix:///path}. */
    static Syslog remote(String url) throws LogUnavailable {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new LogUnavailable("parse \"" + url + "\": " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        try {
            Transport transport = switch (scheme) {
                case "udp" -> Datagrams.connect(inet("udp", uri));
                case "tcp" -> Stream.connect(inet("tcp", uri));
                case "unix" -> Stream.connect(UnixDomainSocketAddress.of(uri.getPath()));
                default -> throw new LogUnavailable("error invalid network type: \"" + scheme + "\"");
            };
            return new Syslog(transport, false, hostname());
        } catch (DialFailed e) {
            throw new LogUnavailable("error connecting to syslog: \"" + e.getMessage() + "\"");
        }
    }

    @Override
    public void write(Instant time, Level level, boolean fatal, String message, Throwable throwable) throws IOException {
        int priority = severity(level, fatal) | (local ? FACILITY_DAEMON : 0);
        StringBuilder text = new StringBuilder(message.length() + 64).append('<').append(priority).append('>');
        if (local) {
            text.append(LOCAL_STAMP.format(ZonedDateTime.ofInstant(time, ZoneId.systemDefault())));
        } else {
            text.append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    ZonedDateTime.ofInstant(time, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS)))
                    .append(' ').append(hostname);
        }
        text.append(' ').append(TAG).append('[').append(pid).append("]: ").append(message);
        if (throwable != null) {
            text.append(": ").append(throwable);
        }
        if (text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        transport.send(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        transport.close();
    }

    private static int severity(Level level, boolean fatal) {
        return switch (level) {
            case ERROR -> fatal ? 2 : 3;
            case WARN -> 4;
            case INFO, TRACE -> 5;
            case DEBUG -> 7;
        };
    }

    private static InetSocketAddress inet(String network, URI uri) throws DialFailed {
        String host = uri.getHost() == null ? "" : uri.getHost();
        if (uri.getPort() < 0) {
            throw new DialFailed("dial " + network + ": address " + host + ": missing port in address");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), uri.getPort());
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new DialFailed("dial " + network + ": lookup " + host + ": no such host");
        }
    }

    /** The kernel's host name, as Go's {@code os.Hostname}: no DNS look-up on the start's path. */
    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException unknown) {
                return "localhost";
            }
        }
    }

    /** Sends one whole message. */
    private interface Transport {
        void send(byte[] message) throws IOException;

        void close();
    }

    /** UDP: a message per datagram; a lost one is lost, as with Go. */
    private record Datagrams(DatagramChannel channel) implements Transport {
        static Datagrams connect(InetSocketAddress address) throws DialFailed {
            try {
                return new Datagrams(DatagramChannel.open().connect(address));
            } catch (IOException e) {
                throw new DialFailed("dial udp " + address.getHostString() + ":" + address.getPort() + ": "
                        + e.getMessage());
            }
        }

        @Override
        public void send(byte[] message) throws IOException {
            channel.write(ByteBuffer.wrap(message));
        }

        @Override
        public void close() {
            closeQuietly(channel);
        }
    }

    /** TCP or a Unix stream socket, messages one after the other, each ending in a newline. */
    private static final class Stream implements Transport {
        private final SocketAddress address;
        private ByteChannel channel;

        Stream(SocketAddress address, ByteChannel channel) {
            this.address = address;
            this.channel = channel;
        }

        static Stream connect(SocketAddress address) throws DialFailed {
            try {
                return new Stream(address, SocketChannel.open(address));
            } catch (IOException e) {
                throw new DialFailed(dialError(address, e));
            }
        }

        @Override
        public void send(byte[] message) throws IOException {
            try {
                writeFully(message);
            } catch (IOException e) {
                closeQuietly(channel);
                channel = SocketChannel.open(address);
                writeFully(message);
            }
        }

        private void writeFully(byte[] message) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(message);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void close() {
            closeQuietly(channel);
        }

        private static String dialError(SocketAddress address, IOException e) {
            if (address instanceof InetSocketAddress inet) {
                return DialError.describe(inet.getHostString(), inet.getPort(), e);
            }
            String path = ((UnixDomainSocketAddress) address).getPath().toString();
            String reason = !Files.exists(Path.of(path))
                    ? "no such file or directory" : String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            return "dial unix " + path + ": connect: " + reason;
        }
    }

    private static void closeQuietly(Closeable channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // a log connection going away at exit: nothing to recover
        }
    }

    /** A connection that could not be made, in Go's words. */
    private static final class DialFailed extends Exception {
        DialFailed(String message) {
            super(message);
        }
    }
}
