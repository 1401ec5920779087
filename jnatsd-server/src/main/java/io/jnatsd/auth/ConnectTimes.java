package io.jnatsd.auth;

import io.jnatsd.auth.jwt.UserLimits.TimeRange;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A JWT's {@code times}: daily windows ("HH:MM:SS") in {@code times_location} (the server's zone
 * when unset) within which a user may connect. As in nats-server, a window whose end is before its
 * start runs from the start today into the next day; an unparsable window or zone allows nothing.
 * The connection may stay until its window closes.
 */
final class ConnectTimes {
    private ConnectTimes() {
    }

    /** When the window the user is in now closes: {@link Instant#MAX} without windows, null when outside all. */
    static Instant windowEnd(List<TimeRange> ranges, String location, long nowMillis) {
        if (ranges.isEmpty()) {
            return Instant.MAX;
        }
        try {
            ZoneId zone = location == null || location.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(location);
            ZonedDateTime now = Instant.ofEpochMilli(nowMillis).atZone(zone);
            for (TimeRange range : ranges) {
                LocalTime startTime = LocalTime.parse(range.start());
                LocalTime endTime = LocalTime.parse(range.end());
                ZonedDateTime start = now.with(startTime);
                ZonedDateTime end = now.with(endTime);
                if (startTime.isAfter(endTime)) {
                    end = end.plusDays(1);
                }
                if (start.isBefore(now) && end.isAfter(now)) {
                    return end.toInstant();
                }
            }
        } catch (DateTimeException | NullPointerException e) {
            return null;
        }
        return null;
    }
}
