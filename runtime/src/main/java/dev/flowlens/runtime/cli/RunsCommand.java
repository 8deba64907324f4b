package dev.flowlens.runtime.cli;

import dev.flowlens.runtime.scheduler.RunAudit;
import dev.flowlens.runtime.scheduler.RunRecord;
import dev.flowlens.runtime.scheduler.ScheduleStore;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowlens runs list|show}: run history of every kind (scheduled, CLI, app, API) with its audit trail —
 * who started a run, the workflow's hash and format version, redacted overrides, device, and output files with
 * their SHA-256, checked against the files on disk now.
 */
@Command(name = "runs", description = "Run history and audit trail (scheduled and recorded CLI runs).",
        mixinStandardHelpOptions = true, subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Prune.class})
final class RunsCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "list", description = "Past runs, newest first.", mixinStandardHelpOptions = true)
    static final class ListRuns extends StoreCommand {
        @Option(names = "--limit", defaultValue = "20", description = "how many runs (default: ${DEFAULT-VALUE})")
        int limit;

        @Override
        int run(ScheduleStore store, PrintWriter out, PrintWriter err) {
            List<RunRecord> runs = store.history(null, limit);
            if (runs.isEmpty()) {
                out.println("No runs recorded yet.");
                return 0;
            }
            out.printf("%-36s %-19s %-9s %-11s %9s %8s  %s%n", "RUN", "STARTED", "TRIGGER", "STATUS", "DURATION",
                    "ITEMS", "WORKFLOW (SHA-256)");
            for (RunRecord r : runs) {
                Optional<RunAudit> audit = store.audit(r.runId());
                out.printf("%-36s %-19s %-9s %-11s %9s %8s  %s%n", r.runId(),
                        ZonedDateTime.ofInstant(r.startedAt(), ZoneId.systemDefault()).format(WHEN), r.trigger(),
                        r.status(), r.duration().map(d -> d.toMillis() + " ms").orElse("-"),
                        r.itemsOk() + "/" + (r.itemsOk() + r.itemsFailed()),
                        r.workflowFile() + audit.map(a -> " (" + shortHash(a.workflowSha256()) + ")").orElse(""));
            }
            return 0;
        }
    }

    @Command(name = "show", description = "One run with its audit trail; RUN_ID may be the first characters of the id.",
            mixinStandardHelpOptions = true)
    static final class Show extends StoreCommand {
        @Parameters(paramLabel = "RUN_ID")
        String id;

        @Override
        int run(ScheduleStore store, PrintWriter out, PrintWriter err) {
            List<String> ids = store.runIdsStartingWith(id);
            if (ids.isEmpty()) {
                err.println("flowlens runs show: no run " + id + " in " + store.location().effectiveUrl()
                        .replaceFirst("^jdbc:sqlite:", "") + " (flowlens runs list shows the recorded runs)");
                return FlowLensCli.EXIT_INVALID;
            }
            if (ids.size() > 1 && !ids.contains(id)) {
                err.println("flowlens runs show: " + id + " matches " + ids.size() + " runs; give more of the id: "
                        + String.join(", ", ids.subList(0, Math.min(5, ids.size()))));
                return FlowLensCli.EXIT_INVALID;
            }
            String runId = ids.contains(id) ? id : ids.get(0);
            RunRecord r = store.run(runId).orElseThrow();
            ZoneId zone = ZoneId.systemDefault();
            out.println("Run " + r.runId() + ": " + r.status());
            out.println("  workflow:   " + r.workflowFile());
            out.println("  trigger:    " + r.trigger() + (r.scheduleId() == null ? "" : " (schedule " + r.scheduleId() + ")"));
            out.println("  started:    " + ZonedDateTime.ofInstant(r.startedAt(), zone).format(WHEN));
            out.println("  duration:   " + r.duration().map(d -> d.toMillis() + " ms").orElse("still running"));
            out.println("  items:      " + r.itemsOk() + " ok, " + r.itemsFailed() + " failed"
                    + (r.itemsFlagged() > 0 ? ", " + r.itemsFlagged() + " flagged for review" : "")
                    + (r.retries() > 0 ? "; retries " + r.retries() : ""));
            if (!r.note().isEmpty()) {
                out.println("  note:       " + r.note());
            }
            out.println("  process:    " + r.owner());
            for (Map.Entry<String, String> e : r.nodeErrors().entrySet()) {
                out.println("  error:      " + e.getKey() + ": " + e.getValue());
            }
            Optional<RunAudit> found = store.audit(r.runId());
            if (found.isEmpty()) {
                out.println("  audit:      none (the run did not start: skipped, interrupted, or the workflow could not be read)");
                return 0;
            }
            RunAudit a = found.get();
            out.println("Audit:");
            out.println("  run id:         " + a.engineRunId() + " (on report rows and output folders)");
            out.println("  started by:     " + a.triggerKind() + (a.triggerDetail().isEmpty() ? "" : " " + a.triggerDetail()));
            out.println("  workflow:       " + a.workflowName() + (a.workflowPath().isEmpty() ? "" : " (" + a.workflowPath() + ")"));
            out.println("  sha-256:        " + a.workflowSha256());
            out.println("  format version: " + a.formatVersion());
            out.println("  device:         " + a.device());
            if (!a.models().isEmpty()) {
                out.println("  models:");
                a.models().forEach((node, m) -> out.println("    " + node + ": " + m.name() + " (" + m.engine()
                        + "), sha-256 " + m.sha256()));
            }
            if (a.overrides().isEmpty()) {
                out.println("  overrides:      none");
            } else {
                out.println("  overrides:");
                a.overrides().forEach((k, v) -> out.println("    " + k + " = " + v));
            }
            if (a.outputs().isEmpty()) {
                out.println("  output files:   none");
            } else {
                out.println("  output files:");
                for (RunAudit.OutputFile f : a.outputs()) {
                    String state = f.missing() ? "missing when the run ended"
                            : RunAudit.matches(f) ? "unchanged" : "CHANGED or gone since the run";
                    out.println("    " + f.path());
                    out.println("      sha-256 " + (f.missing() ? "-" : f.sha256()) + ", " + Math.max(0, f.size())
                            + " bytes, " + state);
                }
            }
            if (!a.nodes().isEmpty()) {
                out.println("  nodes:");
                for (RunAudit.NodeOutcome n : a.nodes()) {
                    StringBuilder line = new StringBuilder("    " + n.node() + ": " + n.state().toLowerCase(java.util.Locale.ROOT));
                    if (n.durationMillis() > 0) {
                        line.append(" in ").append(n.durationMillis()).append(" ms");
                    }
                    if (n.items() > 1 || !n.itemErrors().isEmpty()) {
                        line.append(", ").append(n.items()).append(" items, ").append(n.itemErrors().size()).append(" failed");
                    }
                    if (!n.message().isEmpty()) {
                        line.append(": ").append(n.message());
                    }
                    out.println(line);
                    n.itemErrors().forEach(e -> out.println("      failed item " + e.item() + ": " + e.message()));
                }
            }
            return 0;
        }
    }

    @Command(name = "prune", description = "Delete old run history now (flowlens service --keep-days/--keep-runs does it after every run).",
            mixinStandardHelpOptions = true)
    static final class Prune extends StoreCommand {
        @Option(names = "--keep-days", paramLabel = "N", description = "delete runs that ended more than N days ago")
        Integer keepDays;

        @Option(names = "--keep-runs", paramLabel = "N", description = "keep only the newest N runs of each workflow")
        Integer keepRuns;

        @Option(names = "--delete-outputs", description = "also delete the pruned runs' output files (default: they stay)")
        boolean deleteOutputs;

        @Override
        int run(ScheduleStore store, PrintWriter out, PrintWriter err) {
            if (keepDays == null && keepRuns == null) {
                throw new IllegalArgumentException("say what to keep: --keep-days N and/or --keep-runs N");
            }
            dev.flowlens.runtime.scheduler.RetentionPolicy policy = new dev.flowlens.runtime.scheduler.RetentionPolicy(
                    keepDays == null ? null : java.time.Duration.ofDays(keepDays), keepRuns, deleteOutputs);
            dev.flowlens.runtime.scheduler.RetentionPolicy.Pruned p = store.prune(policy, java.time.Instant.now());
            out.println("Pruned " + p.runs() + " run(s) from history"
                    + (deleteOutputs ? " and deleted " + p.filesDeleted() + " output file(s)." : "; their output files stay."));
            return 0;
        }
    }

    static String shortHash(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
