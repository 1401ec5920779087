package io.jnatsd.sys;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.protocol.GoJson;
import io.jnatsd.protocol.PlainJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Who sent a {@code STATSZ} heartbeat: the {@code id} and {@code seq} of its {@code server}
 * header ("" and 0 where absent). Every server in a cluster hears every other's heartbeats, the
 * first ones while its JVM is cold, so the body is scanned ({@link PlainJson#lastMember}: only the
 * {@code server} header is built, the statistics are checked and skipped) instead of being read
 * into a tree; whatever the scan does not take as Jackson would (a field of another type, any
 * irregular text) is read with the mapper as before (docs/STARTUP.md, "Fifth round").
 */
record HeartbeatSender(String id, long sequence) {

    static HeartbeatSender of(byte[] body) throws IOException {
        try {
            return scanned(new String(body, StandardCharsets.UTF_8));
        } catch (PlainJson.NotPlain e) {
            JsonNode server = GoJson.compact().readTree(body).path("server");
            return new HeartbeatSender(server.path("id").asText(""), server.path("seq").asLong(0));
        }
    }

    private static HeartbeatSender scanned(String json) {
        Object server = PlainJson.lastMember(json, "server");
        if (server == null) {
            return new HeartbeatSender("", 0);
        }
        if (!(server instanceof Map<?, ?> header)) {
            throw PlainJson.NotPlain.instance();
        }
        Object id = header.get("id");
        Object sequence = header.get("seq");
        if (id != null && !(id instanceof String) || sequence != null && !(sequence instanceof Long)) {
            throw PlainJson.NotPlain.instance();
        }
        return new HeartbeatSender(id == null ? "" : (String) id, sequence == null ? 0 : (Long) sequence);
    }
}
