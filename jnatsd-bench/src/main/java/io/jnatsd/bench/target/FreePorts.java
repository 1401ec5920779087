package io.jnatsd.bench.target;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports of 127.0.0.1 that nothing listens on, for servers that take their ports as flags.
 * All are held open together while they are picked, so that they differ from each other;
 * another process may still take one before the server binds it (rare, and the start then fails
 * with a clear message).
 */
public final class FreePorts {

    private FreePorts() {
    }

    public static List<Integer> take(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }
}
