package io.jnatsd.sys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The other servers this one hears on the system account (their {@code STATSZ} heartbeats and
 * account connection counts), as nats-server tracks them: each with the last sequence number
 * seen and when. A server silent for too long is an orphan: it went away without its SHUTDOWN
 * event (killed, crashed, partitioned), and what it reported no longer counts.
 *
 * <p>Touched only on the system thread, so it holds no lock.
 */
final class RemoteServers {
    private final Map<String, Heard> servers = new HashMap<>();
    private final LongSupplier nanoClock;

    private record Heard(long sequence, long atNanos) {
    }

    RemoteServers(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * A message of {@code serverId} with its header's {@code seq}. An old or repeated sequence
     * number does not count as a sign of life (nats-server ignores it too).
     *
     * @return whether the server was not known before
     */
    boolean heard(String serverId, long sequence) {
        Heard last = servers.get(serverId);
        if (last != null && sequence <= last.sequence()) {
            return false;
        }
        servers.put(serverId, new Heard(sequence, nanoClock.getAsLong()));
        return last == null;
    }

    /** @return whether the server was known */
    boolean forget(String serverId) {
        return servers.remove(serverId) != null;
    }

    /** Forgets and returns the servers not heard from for longer than {@code maxSilentNanos}. */
    List<String> orphans(long maxSilentNanos) {
        long now = nanoClock.getAsLong();
        List<String> orphans = new ArrayList<>();
        for (Iterator<Map.Entry<String, Heard>> it = servers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Heard> entry = it.next();
            if (now - entry.getValue().atNanos() > maxSilentNanos) {
                orphans.add(entry.getKey());
                it.remove();
            }
        }
        return orphans;
    }

    int size() {
        return servers.size();
    }

    /** statsz {@code active_servers}: this server and the others it hears, as nats-server counts them. */
    int activeServers() {
        return 1 + servers.size();
    }
}
