package dev.flowlens.app.run;

import dev.flowlens.app.canvas.CanvasViewModel;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.NodeResults;
import dev.flowlens.runtime.api.OutputPreview;
import dev.flowlens.runtime.api.OutputPreviews;
import dev.flowlens.runtime.api.RunEvent;
import dev.flowlens.runtime.api.RunHandle;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.api.Trigger;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Runs the open workflow on the runtime's threads and shows its progress. Events arrive on executor threads;
 * they go into a queue that an {@link AnimationTimer} drains once per FX pulse, so however fast a run emits,
 * the FX thread applies one batch per frame and publishes one new map of node states.
 */
public final class RunViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final int THUMBNAIL = 96;

    private final FlowLens runtime;
    private final CanvasViewModel canvas;
    private final Supplier<Path> workflowFile;
    private final Path outputRoot;
    private final ConcurrentLinkedQueue<Incoming> inbox = new ConcurrentLinkedQueue<>();
    private final ReadOnlyObjectWrapper<Map<NodeId, NodeRunState>> states =
            new ReadOnlyObjectWrapper<>(this, "states", Map.of());
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyObjectWrapper<RunSummary> lastSummary = new ReadOnlyObjectWrapper<>(this, "lastSummary");
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> history = FXCollections.observableArrayList();
    private final Map<String, List<String>> logsByRun = new HashMap<>();
    private final AnimationTimer pump = new AnimationTimer() {
        @Override
        public void handle(long now) {
            drain();
        }
    };
    private RunHandle handle;
    private RunRequest request;
    private java.util.function.Consumer<FinishedRun> onFinished = f -> { };
    private long batches;
    private long eventsApplied;
    /** FX-thread time each batch of the current run took to apply, in nanoseconds (for the benchmark). */
    private final List<Long> applyNanos = new java.util.ArrayList<>();
    private int runCounter;

    /** {@code workflowFile} gives the file relative input paths resolve against (may give null); outputs go under {@code outputRoot}. */
    public RunViewModel(FlowLens runtime, CanvasViewModel canvas, Supplier<Path> workflowFile, Path outputRoot) {
        this.runtime = runtime;
        this.canvas = canvas;
        this.workflowFile = workflowFile;
        this.outputRoot = outputRoot;
    }

    public ReadOnlyObjectProperty<Map<NodeId, NodeRunState>> statesProperty() {
        return states.getReadOnlyProperty();
    }

    public Map<NodeId, NodeRunState> getStates() {
        return states.get();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    public ReadOnlyObjectProperty<RunSummary> lastSummaryProperty() {
        return lastSummary.getReadOnlyProperty();
    }

    /** The current run's log lines, oldest first. */
    public ObservableList<String> log() {
        return log;
    }

    /** This session's finished runs, newest first. */
    public ObservableList<RunSummary> history() {
        return history;
    }

    public List<String> logOf(String runId) {
        return logsByRun.getOrDefault(runId, List.of());
    }

    /** How many batches the FX thread applied, and how many events they held: the batching rate. */
    public long batches() {
        return batches;
    }

    public long eventsApplied() {
        return eventsApplied;
    }

    /** How long each batch of the last run took on the FX thread (state map, views, log), in nanoseconds. */
    public List<Long> applyNanos() {
        return List.copyOf(applyNanos);
    }

    /** Hears of every run that ended, with what it ran from (to write it into the run history). */
    public void setOnFinished(java.util.function.Consumer<FinishedRun> listener) {
        onFinished = listener == null ? f -> { } : listener;
    }

    /**
     * Shows node states that did not come from a live run (a past run reopened from history) on the canvas and in
     * the details; false while a run is on, since its live states win.
     */
    public boolean showStates(Map<NodeId, NodeRunState> past) {
        if (running.get()) {
            return false;
        }
        states.set(Map.copyOf(past));
        return true;
    }

    /** Runs the whole workflow. */
    public void run() {
        start(Set.of());
    }

    /** Runs only what the selected nodes need (all of it when nothing is selected). */
    public void runToSelection() {
        start(canvas.getSelection());
    }

    public void cancel() {
        if (handle != null && running.get()) {
            handle.cancel();
            canvas.info("Cancelling the run…");
        }
    }

    private void start(Set<NodeId> upTo) {
        if (running.get()) {
            canvas.error("A run is in progress: wait for it or cancel it first");
            return;
        }
        Workflow workflow = canvas.getWorkflow();
        if (workflow.nodes().isEmpty()) {
            canvas.error("Nothing to run: add nodes first");
            return;
        }
        long errors = canvas.getIssues().stream().filter(i -> i.isError()).count();
        if (errors > 0) {
            canvas.error("Fix the " + errors + " problem" + (errors == 1 ? "" : "s") + " listed under Problems before running");
            return;
        }
        Map<NodeId, NodeRunState> initial = new HashMap<>();
        workflow.nodes().forEach(n -> initial.put(n.id(), NodeRunState.queued()));
        states.set(Map.copyOf(initial));
        log.clear();
        applyNanos.clear();
        running.set(true);
        runCounter++;
        String folder = "run-" + java.time.LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + runCounter;
        request = RunRequest.of(workflow).withWorkflowFile(workflowFile.get())
                .withOutputFolder(outputRoot.resolve(folder).toAbsolutePath())
                .withTrigger(Trigger.manual(System.getProperty("user.name", "")))
                .withRunUpTo(upTo);
        pump.start();
        handle = runtime.start(request, event -> inbox.add(new Incoming(event, thumbnailOf(event))));
        canvas.info(upTo.isEmpty() ? "Running " + workflow.name() + "…" : "Running up to " + upTo.size() + " selected node(s)…");
    }

    /** Made on the executor's thread, so scaling images never costs the FX thread a frame. */
    private static OutputPreview.Picture thumbnailOf(RunEvent event) {
        if (!(event instanceof RunEvent.NodeFinished f)) {
            return null;
        }
        for (Object value : NodeResults.outputs(f.result()).values()) {
            Object first = value instanceof List<?> l ? l.stream().filter(OutputPreviews::isImage).findFirst().orElse(null) : value;
            if (first != null && OutputPreviews.isImage(first)) {
                return (OutputPreview.Picture) OutputPreviews.of(first, THUMBNAIL);
            }
        }
        return null;
    }

    /** Applies every event waiting in the inbox as one batch; called once per pulse while a run is on. */
    void drain() {
        Incoming next = inbox.poll();
        if (next == null) {
            return;
        }
        long t0 = System.nanoTime();
        Map<NodeId, NodeRunState> now = new HashMap<>(states.get());
        RunSummary finished = null;
        int count = 0;
        List<String> lines = new java.util.ArrayList<>();
        for (; next != null; next = inbox.poll()) {
            count++;
            RunEvent e = next.event();
            if (e instanceof RunEvent.NodeStateChanged c) {
                NodeRunState old = now.get(c.node());
                now.put(c.node(), new NodeRunState(c.state(), c.done(), c.total(),
                        c.message() == null ? "" : c.message(), null, old == null ? null : old.thumbnail()));
                if (c.state() != dev.flowlens.runtime.api.NodeState.RUNNING || c.done() == 0) {
                    lines.add(line(e, c.node() + ": " + c.state().name().toLowerCase(java.util.Locale.ROOT)
                            + (c.message() == null || c.message().isBlank() ? "" : " — " + c.message())));
                }
            } else if (e instanceof RunEvent.NodeFinished f) {
                NodeRunState state = new NodeRunState(f.result().state(), 0, 0, "", f.result(), next.thumbnail());
                now.put(f.node(), state);
                lines.add(line(e, f.node() + ": " + state.summary()));
            } else if (e instanceof RunEvent.Log l) {
                lines.add(line(e, (l.node() == null ? "" : l.node() + ": ") + l.message()));
            } else if (e instanceof RunEvent.RunStarted s) {
                lines.add(line(e, "run " + s.runId() + " of " + s.workflowName() + " started (" + s.nodes().size() + " nodes)"));
            } else if (e instanceof RunEvent.RunFinished f) {
                finished = f.summary();
                lines.add(line(e, "run finished: " + f.summary().status().name().toLowerCase(java.util.Locale.ROOT)
                        + " in " + NodeRunState.millis(f.summary().duration().toMillis()) + ", " + f.summary().itemsOk()
                        + " items ok, " + f.summary().itemsFailed() + " failed"));
                f.summary().issues().forEach(i -> lines.add(line(e, "problem: " + i.message())));
            }
        }
        batches++;
        eventsApplied += count;
        states.set(java.util.Collections.unmodifiableMap(now));
        log.addAll(lines);
        if (applyNanos.size() < 100_000) {
            applyNanos.add(System.nanoTime() - t0);
        }
        if (finished != null) {
            finish(finished);
        }
    }

    private void finish(RunSummary summary) {
        pump.stop();
        running.set(false);
        logsByRun.put(summary.runId(), List.copyOf(log));
        history.add(0, summary);
        lastSummary.set(summary);
        onFinished.accept(new FinishedRun(request, handle.info(), summary));
        long failed = summary.results().values().stream().filter(r -> r instanceof NodeResult.Failed).count();
        String took = " in " + NodeRunState.millis(summary.duration().toMillis()) + ": " + summary.itemsOk() + " items ok";
        if (summary.status() == dev.flowlens.runtime.api.RunStatus.FAILED && failed == 0 && summary.itemsFailed() > 0) {
            // Only some items failed (a bad image fails its row): the run did its work; say which count to look at.
            canvas.info("Run finished" + took + ", " + summary.itemsFailed() + " failed (see Details of the node for which and why)");
            return;
        }
        String text = "Run " + summary.status().name().toLowerCase(java.util.Locale.ROOT) + took
                + (summary.itemsFailed() > 0 ? ", " + summary.itemsFailed() + " failed" : "")
                + (failed > 0 ? ", " + failed + " node" + (failed == 1 ? "" : "s") + " failed" : "");
        if (summary.succeeded()) {
            canvas.info(text);
        } else {
            canvas.error(text);
        }
    }

    private static String line(RunEvent e, String text) {
        return TIME.format(e.at()) + "  " + text;
    }

    /** A run that ended: the request it ran, its audit identity and its summary. */
    public record FinishedRun(RunRequest request, dev.flowlens.runtime.api.RunInfo info, RunSummary summary) {
    }

    private record Incoming(RunEvent event, OutputPreview.Picture thumbnail) {
    }
}
