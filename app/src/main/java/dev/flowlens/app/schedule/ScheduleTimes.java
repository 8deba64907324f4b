package dev.flowlens.app.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Fire times as people read them: "Sun 22 Nov 2026 14:00 Europe/Berlin". */
final class ScheduleTimes {
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", java.util.Locale.ENGLISH);

    private ScheduleTimes() {
    }

    static String format(ZonedDateTime t) {
        return FORMAT.format(t) + " " + t.getZone().getId();
    }

    static String format(Instant t, String zone) {
        ZoneId z;
        try {
            z = ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            z = ZoneId.systemDefault();
        }
        return format(t.atZone(z));
    }
}
