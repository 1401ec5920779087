package io.jnatsd.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import io.jnatsd.config.Permissions;
import io.jnatsd.config.ResponsePermission;
import io.jnatsd.config.SubjectPermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a user JWT (or a scoped signing key's template) allows: publish/subscribe permissions,
 * response permission, source networks, connect times, bearer token, connection types, and the
 * per-user limits on subscriptions, data and payload (-1 = unlimited; absent = 0, except in
 * version 1 user JWTs, which nats-server's JWT library reads with no limits by default).
 */
public final class UserLimits {
    static final long NO_LIMIT = -1;
    private final JsonNode node;
    /** The value of a limit the JWT leaves out. */
    private final long absentLimit;

    UserLimits(JsonNode node) {
        this(node, 0);
    }

    UserLimits(JsonNode node, long absentLimit) {
        this.node = node;
        this.absentLimit = absentLimit;
    }

    /** The permissions, or null when the JWT sets none (everything allowed). */
    public Permissions permissions() {
        SubjectPermission publish = subjects(node.get("pub"));
        SubjectPermission subscribe = subjects(node.get("sub"));
        ResponsePermission responses = responses(node.get("resp"));
        return publish == null && subscribe == null && responses == null ? null
                : new Permissions(publish, subscribe, responses);
    }

    private static SubjectPermission subjects(JsonNode side) {
        if (side == null || !side.isObject()) {
            return null;
        }
        List<String> allow = Claims.strings(side.get("allow"));
        List<String> deny = Claims.strings(side.get("deny"));
        return allow.isEmpty() && deny.isEmpty() ? null : new SubjectPermission(allow, deny);
    }

    /** {@code resp}: {@code max} messages within {@code ttl} (Go duration in nanoseconds). */
    private static ResponsePermission responses(JsonNode resp) {
        if (resp == null || !resp.isObject()) {
            return null;
        }
        int max = resp.path("max").asInt(0);
        long ttlNanos = resp.path("ttl").asLong(0);
        return new ResponsePermission(max > 0 ? max : ResponsePermission.DEFAULT.maxMsgs(),
                ttlNanos > 0 ? Duration.ofNanos(ttlNanos) : ResponsePermission.DEFAULT.expires());
    }

    /** CIDRs clients may connect from (version 1 JWTs write them comma-separated); empty: anywhere. */
    public List<String> sourceNetworks() {
        List<String> out = new ArrayList<>();
        for (String entry : Claims.strings(node.get("src"))) {
            for (String cidr : entry.split(",")) {
                if (!cidr.isBlank()) {
                    out.add(cidr.trim());
                }
            }
        }
        return out;
    }

    public List<TimeRange> times() {
        List<TimeRange> out = new ArrayList<>();
        for (JsonNode range : node.path("times")) {
            out.add(new TimeRange(Jwt.text(range, "start"), Jwt.text(range, "end")));
        }
        return out;
    }

    public String timesLocation() {
        return Jwt.text(node, "times_location");
    }

    public boolean bearerToken() {
        return node.path("bearer_token").asBoolean(false);
    }

    public List<String> allowedConnectionTypes() {
        List<String> out = new ArrayList<>();
        Claims.strings(node.get("allowed_connection_types")).forEach(t -> out.add(t.toUpperCase(Locale.ROOT)));
        return out;
    }

    /**
     * As nats-server reads them, an absent limit is 0 (nothing allowed), or -1 (unlimited) in a
     * version 1 user JWT; -1 is unlimited.
     */
    public long subscriptions() {
        return node.path("subs").asLong(absentLimit);
    }

    public long data() {
        return node.path("data").asLong(absentLimit);
    }

    public long payload() {
        return node.path("payload").asLong(absentLimit);
    }

    /** Whether everything has its zero value; users of a scoped signing key must set nothing. */
    public boolean isEmpty() {
        return permissions() == null && sourceNetworks().isEmpty() && times().isEmpty() && !bearerToken()
                && allowedConnectionTypes().isEmpty() && subscriptions() == 0 && data() == 0 && payload() == 0;
    }

    /** A daily window of connect times, "HH:MM:SS" each; an end before the start spans midnight. */
    public record TimeRange(String start, String end) {
    }
}
