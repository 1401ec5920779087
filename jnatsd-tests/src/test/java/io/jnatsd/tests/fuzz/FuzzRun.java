package io.jnatsd.tests.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Random;

/**
 * Sends mutated traffic to one port, one short connection per input, for the configured time:
 * each input goes out in one to three writes, the reply is read briefly, and the connection is
 * closed (now and then with a reset). Every {@value #CHECK_EVERY} inputs, and at the end, the
 * {@code check} runs (bystanders, liveness); a failure names the seed and input number to replay.
 */
final class FuzzRun {
    static final int CHECK_EVERY = 50;

    /** What must hold between inputs. */
    interface Check {
        void run(String context) throws Exception;
    }

    private FuzzRun() {
    }

    /** Runs the inputs; returns how many were sent. */
    static int run(FuzzSettings settings, int port, List<byte[]> seeds, Check check) throws Exception {
        Mutator mutator = new Mutator(settings.seed(), seeds);
        Random random = mutator.random();
        long deadline = System.nanoTime() + settings.duration().toNanos();
        int inputs = 0;
        while (System.nanoTime() < deadline) {
            byte[] input = mutator.next();
            send(port, input, random);
            inputs++;
            if (inputs % CHECK_EVERY == 0) {
                check.run("after input " + inputs + " of seed " + settings.seed());
            }
        }
        check.run("at the end, after " + inputs + " inputs of seed " + settings.seed());
        System.out.printf("fuzz port %d: %d inputs in %s, seed %d%n", port, inputs, settings.duration(), settings.seed());
        assertThat(inputs).as("inputs sent").isPositive();
        return inputs;
    }

    private static void send(int port, byte[] input, Random random) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2 + random.nextInt(10));
            if (random.nextInt(8) == 0) {
                socket.setSoLinger(true, 0);
            }
            OutputStream out = socket.getOutputStream();
            int written = 0;
            int writes = 1 + random.nextInt(3);
            try {
                for (int i = 1; i <= writes; i++) {
                    int end = i == writes ? input.length : written + random.nextInt(input.length - written + 1);
                    out.write(input, written, end - written);
                    out.flush();
                    written = end;
                }
                drain(socket.getInputStream());
            } catch (IOException closedByServer) {
                // the server may refuse the input and close first: that is its right
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[16384];
        try {
            for (int total = 0; total < 1 << 20; ) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                total += n;
            }
        } catch (SocketTimeoutException quiet) {
            // the server waits for more: leave it to notice the close
        }
    }
}
