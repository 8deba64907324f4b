package dev.flowlens.runtime.scheduler;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A 5-field UNIX cron expression (or a shortcut such as {@code @hourly}) in a time zone. Parsing, descriptions
 * and fire times come from cron-utils; this class adds the shortcuts and error messages that say where the
 * problem is. It is also a db-scheduler {@link Schedule}, so the next execution after a run is computed the
 * same way everywhere.
 */
public final class CronExpression implements Schedule {
    private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
    private static final CronParser PARSER = new CronParser(UNIX);
    private static final String[] FIELDS = {"minute", "hour", "day-of-month", "month", "day-of-week"};
    private static final Map<String, String> SHORTCUTS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");

    private final String text;
    private final ZoneId zone;
    private final Cron cron;
    private final ExecutionTime executionTime;

    private CronExpression(String text, ZoneId zone, Cron cron) {
        this.text = text;
        this.zone = zone;
        this.cron = cron;
        this.executionTime = ExecutionTime.forCron(cron);
    }

    /** Parses {@code text}; a bad expression throws {@link CronFormatException} with the field and position. */
    public static CronExpression parse(String text, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new CronFormatException("", 0, "cron expression is empty; expected 5 fields "
                    + "(minute hour day-of-month month day-of-week) such as \"0 * * * *\", or @hourly/@daily/@weekly/@monthly/@yearly");
        }
        String expanded = trimmed;
        if (trimmed.startsWith("@")) {
            expanded = SHORTCUTS.get(trimmed.toLowerCase(Locale.ROOT));
            if (expanded == null) {
                throw new CronFormatException(trimmed, 1, "cron \"" + trimmed + "\": unknown shortcut at position 1; "
                        + "use @hourly, @daily, @weekly, @monthly or @yearly");
            }
        }
        String[] parts = expanded.split("\\s+");
        if (parts.length != 5) {
            throw new CronFormatException(trimmed, 0, "cron \"" + trimmed + "\": expected 5 fields "
                    + "(minute hour day-of-month month day-of-week), got " + parts.length);
        }
        try {
            return new CronExpression(trimmed, zone, PARSER.parse(expanded));
        } catch (IllegalArgumentException whole) {
            throw locate(trimmed, parts, whole);
        }
    }

    /** Parses a zone id such as {@code Europe/Berlin} or {@code UTC}, with a message that says what was wrong. */
    public static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time zone \"" + id + "\" is not known; use a region id such as "
                    + "Europe/Berlin or America/New_York, or UTC");
        }
    }

    /** Finds which field broke by parsing each one alone, the others left as "*". */
    private static CronFormatException locate(String text, String[] parts, IllegalArgumentException whole) {
        int searchFrom = 0;
        for (int i = 0; i < parts.length; i++) {
            int at = text.startsWith("@") ? 0 : text.indexOf(parts[i], searchFrom);
            searchFrom = at + parts[i].length();
            String[] probe = {"*", "*", "*", "*", "*"};
            probe[i] = parts[i];
            try {
                PARSER.parse(String.join(" ", probe));
            } catch (IllegalArgumentException e) {
                int position = text.startsWith("@") ? 1 : at + 1;
                return new CronFormatException(text, position, "cron \"" + text + "\": " + FIELDS[i] + " field \""
                        + parts[i] + "\" at position " + position + ": " + clean(e.getMessage()));
            }
        }
        return new CronFormatException(text, 0, "cron \"" + text + "\": " + clean(whole.getMessage()));
    }

    private static String clean(String message) {
        String m = message == null ? "not a valid value" : message.replace("Failed to parse cron expression. ", "");
        return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    public String text() {
        return text;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Plain language, e.g. "every hour" or "at 02:30 at Sunday day", with the zone. */
    public String describe() {
        return CronDescriptor.instance(Locale.ENGLISH).describe(cron) + " (" + zone.getId() + ")";
    }

    /** The first fire time strictly after {@code after}; {@link Schedule#NEVER} if there is none. */
    public Instant next(Instant after) {
        return executionTime.nextExecution(ZonedDateTime.ofInstant(after, zone))
                .map(ZonedDateTime::toInstant)
                .orElse(Schedule.NEVER);
    }

    /** The next {@code count} fire times after {@code after}, as wall-clock times in the schedule's zone. */
    public List<ZonedDateTime> nextTimes(Instant after, int count) {
        List<ZonedDateTime> out = new ArrayList<>();
        ZonedDateTime t = ZonedDateTime.ofInstant(after, zone);
        for (int i = 0; i < count; i++) {
            var n = executionTime.nextExecution(t);
            if (n.isEmpty()) {
                break;
            }
            t = n.get();
            out.add(t);
        }
        return out;
    }

    @Override
    public Instant getNextExecutionTime(ExecutionComplete executionComplete) {
        return next(executionComplete.getTimeDone());
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }

    @Override
    public String toString() {
        return text + " (" + zone.getId() + ")";
    }
}
