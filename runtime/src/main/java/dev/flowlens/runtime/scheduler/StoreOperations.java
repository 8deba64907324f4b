package dev.flowlens.runtime.scheduler;

import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.runtime.alert.AlertBook;
import dev.flowlens.runtime.alert.AlertDispatcher;
import dev.flowlens.runtime.alert.AlertRule;
import dev.flowlens.runtime.api.Operations;
import dev.flowlens.runtime.api.RunInfo;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The {@link Operations} facade over the schedule store's history, audit trail and alert book, for the app. */
public final class StoreOperations implements Operations {
    private final ScheduleStore store;
    private final AlertBook alerts;

    private StoreOperations(ScheduleStore store) {
        this.store = store;
        this.alerts = new AlertBook(store);
    }

    public static StoreOperations open(Path dataFolder) {
        return new StoreOperations(ScheduleStore.open(StoreLocation.sqlite(dataFolder)));
    }

    @Override
    public List<PastRun> runs(int limit) {
        return store.history(null, limit).stream().map(StoreOperations::view).toList();
    }

    @Override
    public Optional<PastRun> run(String runId) {
        return store.run(runId).map(StoreOperations::view);
    }

    @Override
    public List<OutputFile> outputs(String runId) {
        Optional<RunAudit> audit = store.audit(runId);
        List<OutputFile> out = new ArrayList<>();
        if (audit.isPresent() && !audit.get().outputs().isEmpty()) {
            for (RunAudit.OutputFile f : audit.get().outputs()) {
                Path p = Path.of(f.path());
                out.add(new OutputFile(p, f.sha256(), f.size(), Files.isRegularFile(p)));
            }
            return out;
        }
        store.run(runId).ifPresent(r -> r.outputFiles().stream().sorted().forEach(f -> {
            Path p = Path.of(f);
            out.add(new OutputFile(p, "", -1, Files.isRegularFile(p)));
        }));
        return out;
    }

    @Override
    public java.util.Map<String, dev.flowlens.runtime.api.NodeResult> nodeResults(String runId) {
        java.util.Map<String, dev.flowlens.runtime.api.NodeResult> out = new java.util.LinkedHashMap<>();
        store.audit(runId).ifPresent(a -> a.nodes().forEach(n -> out.put(n.node(), n.toResult())));
        return out;
    }

    @Override
    public PastRun record(RunRequest request, RunInfo info, RunSummary summary, NodeCatalog catalog) {
        return view(RunHistory.record(store, request, info, summary,
                request.overrides().redacted(request.workflow(), catalog)));
    }

    @Override
    public List<String> workflows() {
        return store.workflowPaths();
    }

    @Override
    public Dashboard dashboard(String workflowFile, int days) {
        WorkflowDashboard d = WorkflowDashboard.of(store, workflowFile, days, ZoneId.systemDefault(), Instant.now());
        return new Dashboard(d.workflowPath(), d.days(),
                d.perDay().stream().map(x -> new Day(x.date(), x.runs(), x.failed())).toList(), d.finishedRuns(),
                d.failedRuns(), d.failureRate(), d.medianMillisPerItem(), d.p95MillisPerItem(), d.itemsOk(), d.itemsFailed());
    }

    @Override
    public List<AlertInfo> alertRules() {
        return alerts.rules().stream().map(r -> new AlertInfo(r.id(), r.scheduleId() == null ? "" : r.scheduleId(),
                r.describeConditions(), r.channel() == AlertRule.Channel.WEBHOOK ? "webhook" : "e-mail", r.target(),
                r.describe())).toList();
    }

    @Override
    public List<Delivery> deliveries(int limit) {
        return alerts.deliveries(null, limit).stream().map(StoreOperations::view).toList();
    }

    @Override
    public Delivery sendTestAlert(String ruleId) {
        AlertRule rule = alerts.rule(ruleId).orElseThrow(() -> new IllegalArgumentException("no alert rule " + ruleId));
        try (AlertDispatcher dispatcher = new AlertDispatcher(store, System::getenv, 1, Duration.ZERO)) {
            return view(dispatcher.sendTest(rule).get(60, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            return new Delivery(ruleId, "test", "", false, 1, "no answer within 60 s", Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(ruleId, "test", "", false, 1, "interrupted", Instant.now());
        } catch (ExecutionException e) {
            return new Delivery(ruleId, "test", "", false, 1, String.valueOf(e.getCause().getMessage()), Instant.now());
        }
    }

    @Override
    public List<Change> scheduledChangesAfter(Instant after) {
        List<Change> out = new ArrayList<>();
        for (RunRecord r : store.scheduledEndedAfter(after)) {
            AlertDispatcher.change(store, r).ifPresent(e ->
                    out.add(new Change(view(r), e == dev.flowlens.runtime.alert.Alert.Event.RECOVERY)));
        }
        return out;
    }

    @Override
    public void close() {
        store.close();
    }

    private static PastRun view(RunRecord r) {
        return new PastRun(r.runId(), r.scheduleId(), r.workflowFile(), r.trigger(), r.note(), r.startedAt(),
                r.finishedAt(), r.status().name().toLowerCase(Locale.ROOT), r.itemsOk(), r.itemsFailed(), r.nodeErrors(),
                r.outputFiles());
    }

    private static Delivery view(AlertBook.Delivery d) {
        return new Delivery(d.ruleId(), d.event().word(), d.runId() == null ? "" : d.runId(), d.sent(), d.attempts(),
                d.detail(), d.at());
    }
}
