package dev.flowlens.runtime.cli;

import dev.flowlens.runtime.scheduler.CronExpression;
import dev.flowlens.runtime.scheduler.CronFormatException;
import dev.flowlens.runtime.scheduler.MissedRunPolicy;
import dev.flowlens.runtime.scheduler.NewSchedule;
import dev.flowlens.runtime.scheduler.OverlapPolicy;
import dev.flowlens.runtime.scheduler.RunRecord;
import dev.flowlens.runtime.scheduler.ScheduleBook;
import dev.flowlens.runtime.scheduler.ScheduleStore;
import dev.flowlens.runtime.scheduler.WorkflowSchedule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowlens schedule ...}: manage cron schedules of saved workflows in the store that {@code flowlens service}
 * (or the app) runs. Every subcommand works whether or not a service is running.
 */
@Command(name = "schedule", description = "Run saved workflows on cron schedules (see also: flowlens service).",
        mixinStandardHelpOptions = true,
        subcommands = {ScheduleCommand.Add.class, ScheduleCommand.ListSchedules.class, ScheduleCommand.Show.class,
                ScheduleCommand.Pause.class, ScheduleCommand.Resume.class, ScheduleCommand.Remove.class,
                ScheduleCommand.RunNow.class, ScheduleCommand.History.class})
public final class ScheduleCommand implements Callable<Integer> {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** A store command whose body works on the schedules through a {@link ScheduleBook}. */
    abstract static class BookCommand extends StoreCommand {
        @Override
        final int run(ScheduleStore store, PrintWriter out, PrintWriter err) {
            return run(ScheduleBook.over(store), out);
        }

        abstract int run(ScheduleBook book, PrintWriter out);
    }

    @Command(name = "add", description = "Schedule a saved workflow file.", mixinStandardHelpOptions = true)
    static final class Add extends BookCommand {
        @Parameters(paramLabel = "WORKFLOW", description = "the workflow file (read again at every run)")
        Path workflow;

        @Option(names = "--cron", required = true, paramLabel = "EXPR",
                description = "5-field cron (minute hour day-of-month month day-of-week) or @hourly, @daily, @weekly, @monthly, @yearly")
        String cron;

        @Option(names = "--zone", paramLabel = "ZONE", description = "time zone of the cron times (default: this machine's, ${DEFAULT-VALUE})",
                defaultValue = "${sys:user.timezone}")
        String zone;

        @Option(names = "--set", paramLabel = "node.param=value", description = "parameter override for every run (repeatable)")
        List<String> overrides = new ArrayList<>();

        @Option(names = "--missed", paramLabel = "run-once|skip", defaultValue = "run-once",
                description = "a run missed while no scheduler was running: run it once at start-up, or skip it (default: ${DEFAULT-VALUE})")
        String missed;

        @Option(names = "--overlap", paramLabel = "skip|queue", defaultValue = "skip",
                description = "due while the previous run is still going: skip that time, or run once right after (default: ${DEFAULT-VALUE})")
        String overlap;

        @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
                description = "retries of a failed run, with doubling back-off (default: ${DEFAULT-VALUE})")
        int retries;

        @Option(names = "--disabled", description = "add it paused")
        boolean disabled;

        @Override
        int run(ScheduleBook book, PrintWriter out) {
            ZoneId z = CronExpression.zone(zone == null || zone.isBlank() ? ZoneId.systemDefault().getId() : zone);
            NewSchedule request = new NewSchedule(workflow, cron, z, overrides, !disabled,
                    choice(MissedRunPolicy.class, missed, "--missed"), choice(OverlapPolicy.class, overlap, "--overlap"),
                    retries);
            WorkflowSchedule s;
            try {
                s = book.add(request);
            } catch (CronFormatException e) {
                throw new IllegalArgumentException("--cron " + e.getMessage());
            }
            out.println("Added schedule " + s.id() + ": " + s.workflowFile());
            printDetails(book, s, out);
            return 0;
        }
    }

    static <E extends Enum<E>> E choice(Class<E> type, String text, String option) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new IllegalArgumentException(option + " must be one of " + String.join(", ", names) + ", got \"" + text + "\"");
        }
    }

    static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static void printDetails(ScheduleBook book, WorkflowSchedule s, PrintWriter out) {
        CronExpression cron = s.cronExpression();
        out.println("  cron:      " + s.cron() + "  (" + cron.describe() + ")");
        out.println("  state:     " + (s.enabled() ? "enabled" : "paused") + (book.isRunning(s.id()) ? ", running now" : ""));
        out.println("  policies:  missed runs " + word(s.missedRuns()) + ", overlap " + word(s.overlap())
                + ", retries " + s.retries());
        if (!s.overrides().isEmpty()) {
            out.println("  overrides: " + String.join(" ", s.overrides().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        if (s.enabled()) {
            out.println("  next runs:");
            for (ZonedDateTime t : book.nextFireTimes(s, 5)) {
                out.println("    " + t.format(WHEN));
            }
        }
    }

    @Command(name = "list", description = "List schedules.", mixinStandardHelpOptions = true)
    static final class ListSchedules extends BookCommand {
        @Override
        int run(ScheduleBook book, PrintWriter out) {
            List<WorkflowSchedule> all = book.list();
            if (all.isEmpty()) {
                out.println("No schedules. Add one with: flowlens schedule add WORKFLOW --cron \"0 * * * *\"");
                return 0;
            }
            out.printf("%-28s %-8s %-16s %-22s %-10s %s%n", "ID", "STATE", "CRON", "NEXT RUN", "LAST", "WORKFLOW");
            for (WorkflowSchedule s : all) {
                String next = s.enabled() ? book.nextDue(s.id()).map(t -> ZonedDateTime.ofInstant(t, s.zone())
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))).orElse("-") : "-";
                String last = book.lastRun(s.id()).map(r -> r.status().name()).orElse("-");
                out.printf("%-28s %-8s %-16s %-22s %-10s %s%n", s.id(), s.enabled() ? "enabled" : "paused", s.cron(),
                        next, last, s.workflowFile());
            }
            return 0;
        }
    }

    @Command(name = "show", description = "Show a schedule: its cron in words, the next five runs, the last run.",
            mixinStandardHelpOptions = true)
    static final class Show extends BookCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(ScheduleBook book, PrintWriter out) {
            WorkflowSchedule s = book.get(id);
            out.println("Schedule " + s.id() + ": " + s.workflowFile());
            printDetails(book, s, out);
            out.println("  last run:  " + book.lastRun(s.id()).map(r -> describe(r, s.zone())).orElse("never"));
            return 0;
        }
    }

    static String describe(RunRecord r, ZoneId zone) {
        StringBuilder sb = new StringBuilder(r.status().name());
        sb.append(" at ").append(ZonedDateTime.ofInstant(r.startedAt(), zone).format(WHEN));
        r.duration().ifPresent(d -> sb.append(" (").append(d.toMillis()).append(" ms)"));
        if (!r.note().isEmpty()) {
            sb.append(", ").append(r.note());
        }
        return sb.toString();
    }

    @Command(name = "pause", description = "Stop a schedule from firing (a run in progress finishes).", mixinStandardHelpOptions = true)
    static final class Pause extends BookCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(ScheduleBook book, PrintWriter out) {
            book.pause(id);
            out.println("Paused " + id + ".");
            return 0;
        }
    }

    @Command(name = "resume", description = "Let a paused schedule fire again.", mixinStandardHelpOptions = true)
    static final class Resume extends BookCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(ScheduleBook book, PrintWriter out) {
            WorkflowSchedule s = book.resume(id);
            out.println("Resumed " + id + "; next run " + book.nextDue(id)
                    .map(t -> ZonedDateTime.ofInstant(t, s.zone()).format(WHEN)).orElse("-") + ".");
            return 0;
        }
    }

    @Command(name = "remove", description = "Delete a schedule (its run history is kept).", mixinStandardHelpOptions = true)
    static final class Remove extends BookCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(ScheduleBook book, PrintWriter out) {
            book.remove(id);
            out.println("Removed " + id + "; its run history is kept (flowlens schedule history " + id + ").");
            return 0;
        }
    }

    @Command(name = "run-now", description = "Make a schedule due now; the running service starts it within its polling interval.",
            mixinStandardHelpOptions = true)
    static final class RunNow extends BookCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(ScheduleBook book, PrintWriter out) {
            switch (book.runNow(id)) {
                case STARTING -> out.println("Schedule " + id + " is due now; a running flowlens service starts it "
                        + "within its polling interval (see: flowlens schedule history " + id + ").");
                case QUEUED_AFTER_CURRENT -> out.println("Schedule " + id + " is running; it runs once more right after "
                        + "(overlap policy queue).");
                default -> out.println("Schedule " + id + " is running; not started again (overlap policy skip).");
            }
            return 0;
        }
    }

    @Command(name = "history", description = "Past runs, newest first: of one schedule, or of all.", mixinStandardHelpOptions = true)
    static final class History extends BookCommand {
        @Parameters(paramLabel = "ID", arity = "0..1")
        String id;

        @Option(names = "--limit", defaultValue = "20", description = "how many runs (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        int run(ScheduleBook book, PrintWriter out) {
            ZoneId zone = ZoneId.systemDefault();
            if (id != null) {
                zone = book.find(id).map(WorkflowSchedule::zone).orElse(zone);
            }
            List<RunRecord> runs = book.history(id, limit);
            if (runs.isEmpty()) {
                out.println(id == null ? "No runs yet." : "No runs of " + id + " yet.");
                return 0;
            }
            DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
            out.printf("%-10s %-22s %-19s %9s %-11s %8s %7s  %s%n", "RUN", "SCHEDULE", "STARTED", "DURATION", "STATUS",
                    "ITEMS", "RETRIES", "NOTE");
            for (RunRecord r : runs) {
                out.printf("%-10s %-22s %-19s %9s %-11s %8s %7d  %s%n", r.runId().substring(0, 8),
                        r.scheduleId() == null ? "-" : r.scheduleId(),
                        ZonedDateTime.ofInstant(r.startedAt(), zone).format(f),
                        r.duration().map(d -> d.toMillis() + " ms").orElse("-"), r.status(),
                        r.itemsOk() + "/" + (r.itemsOk() + r.itemsFailed()), r.retries(),
                        (r.trigger().equals("schedule") ? "" : r.trigger() + (r.note().isEmpty() ? "" : "; ")) + r.note());
                for (Map.Entry<String, String> e : r.nodeErrors().entrySet()) {
                    out.println("           " + e.getKey() + ": " + e.getValue());
                }
                for (String file : r.outputFiles()) {
                    out.println("           wrote " + file);
                }
            }
            return 0;
        }
    }


}
