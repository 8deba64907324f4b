package dev.flowlens.app.ops;

import dev.flowlens.app.MessageLine;
import dev.flowlens.app.run.NodeRunState;
import dev.flowlens.app.run.RunViewModel;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.runtime.api.ItemProblem;
import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.NodeState;
import dev.flowlens.runtime.api.Operations;
import dev.flowlens.runtime.api.OutputPreview;
import dev.flowlens.runtime.api.OutputPreviews;
import dev.flowlens.runtime.api.RunSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The History tab's state: every run in the data folder's history (runs from this app, the CLI, schedules and the
 * HTTP API) newest first; the selected run's facts, node results and output files; the preview of the file the
 * user opened; and putting a past run's node states back on the canvas when it ran the open workflow. Runs made in
 * this window are written into history as they end.
 */
public final class HistoryViewModel {
    private static final int LIMIT = 200;
    private static final int PREVIEW_SIDE = 480;

    private final Background background;
    private final OperationsStore store;
    private final RunViewModel runs;
    private final Supplier<Workflow> openWorkflow;
    private final Supplier<Path> openFile;
    private final NodeCatalog catalog;
    private final ObservableList<Operations.PastRun> list = FXCollections.observableArrayList();
    private final ObservableList<String> nodeLines = FXCollections.observableArrayList();
    private final ObservableList<Operations.OutputFile> files = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Operations.PastRun> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<OutputPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper previewTitle = new ReadOnlyStringWrapper(this, "previewTitle", "");
    private final ReadOnlyStringWrapper facts = new ReadOnlyStringWrapper(this, "facts", "Select a run to see its results");
    private final MessageLine message = new MessageLine();
    private final ReadOnlyBooleanWrapper canShowOnCanvas = new ReadOnlyBooleanWrapper(this, "canShowOnCanvas");
    /** How each node of the selected run ended, by node id; empty when history does not have it. */
    private Map<String, NodeResult> shownResults = Map.of();
    private java.util.function.Consumer<Path> fileOpener;

    /** {@code openWorkflow} and {@code openFile} give the workflow on the canvas and its file (null when unsaved). */
    public HistoryViewModel(Background background, OperationsStore store, RunViewModel runs, NodeCatalog catalog,
                            Supplier<Workflow> openWorkflow, Supplier<Path> openFile) {
        this.background = background;
        this.store = store;
        this.runs = runs;
        this.catalog = catalog;
        this.openWorkflow = openWorkflow;
        this.openFile = openFile;
        runs.setOnFinished(this::record);
    }

    public ObservableList<Operations.PastRun> runs() {
        return list;
    }

    /** The selected run's nodes: how each ended and which items failed ("node: failed: why" for older history). */
    public ObservableList<String> nodeLines() {
        return nodeLines;
    }

    public ObservableList<Operations.OutputFile> files() {
        return files;
    }

    public ReadOnlyObjectProperty<Operations.PastRun> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<OutputPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewTitleProperty() {
        return previewTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty factsProperty() {
        return facts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.textProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return message.errorProperty();
    }

    /** Whether the selected run ran the workflow on the canvas, so its node states can be shown there. */
    public ReadOnlyBooleanProperty canShowOnCanvasProperty() {
        return canShowOnCanvas.getReadOnlyProperty();
    }

    /** Loads the newest runs from history. */
    public void refresh() {
        background.run(() -> store.get().runs(LIMIT), found -> {
            String keep = selected.get() == null ? null : selected.get().runId();
            list.setAll(found);
            message.info(found.isEmpty() ? "No runs in history yet: run a workflow here, with flowlens run, on a schedule or through the API"
                    : found.size() + " runs, newest first");
            if (keep != null) {
                found.stream().filter(r -> r.runId().equals(keep)).findFirst().ifPresent(selected::set);
            }
        }, why -> message.error("The run history could not be read: " + why));
    }

    /** Writes a run of this window into history, then shows it in the list. */
    private void record(RunViewModel.FinishedRun f) {
        background.run(() -> store.get().record(f.request(), f.info(), f.summary(), catalog),
                recorded -> refresh(), why -> message.error("This run could not be written to the run history: " + why));
    }

    /** Shows a run's facts, node results and output files. */
    public void select(Operations.PastRun run) {
        selected.set(run);
        nodeLines.clear();
        files.clear();
        preview.set(null);
        previewTitle.set("");
        shownResults = Map.of();
        if (run == null) {
            facts.set("Select a run to see its results");
            canShowOnCanvas.set(false);
            return;
        }
        facts.set(describe(run));
        canShowOnCanvas.set(ranOpenWorkflow(run));
        Optional<RunSummary> session = sessionSummary(run.runId());
        Map<String, NodeResult> sessionResults = session.map(RunSummary::results).map(HistoryViewModel::byName).orElse(Map.of());
        shownResults = sessionResults;
        nodeLines.setAll(lines(run, shownResults));
        background.run(() -> new Details(store.get().outputs(run.runId()),
                session.isPresent() ? sessionResults : store.get().nodeResults(run.runId())), found -> {
            if (run.equals(selected.get())) {
                files.setAll(found.files());
                shownResults = found.results();
                nodeLines.setAll(lines(run, shownResults));
            }
        }, why -> message.error("The results of run " + run.runId() + " could not be read: " + why));
    }

    private record Details(List<Operations.OutputFile> files, Map<String, NodeResult> results) {
    }

    private static Map<String, NodeResult> byName(Map<NodeId, NodeResult> results) {
        Map<String, NodeResult> out = new java.util.LinkedHashMap<>();
        results.forEach((id, r) -> out.put(id.toString(), r));
        return out;
    }

    /** Every node's end with its failed items when known; else the node errors history has. */
    private static List<String> lines(Operations.PastRun run, Map<String, NodeResult> results) {
        List<String> lines = new ArrayList<>();
        if (!results.isEmpty()) {
            results.forEach((node, r) -> {
                lines.add(node + ": " + new NodeRunState(r.state(), 0, 0, "", r, null).summary());
                for (ItemProblem p : OutputPreviews.problems(r)) {
                    lines.add("  ✗ " + p.item() + " — " + p.message());
                }
            });
            return lines;
        }
        run.nodeErrors().forEach((node, why) -> lines.add(node + ": failed: " + why));
        if (lines.isEmpty()) {
            lines.add(run.status().equals("succeeded") ? "Every node succeeded" : "No node errors recorded");
        }
        return lines;
    }

    /** Opens a file the run wrote in the preview: a table, a picture, text, or why it cannot be shown. */
    public void open(Operations.OutputFile file) {
        if (file == null) {
            return;
        }
        previewTitle.set(file.path().toString());
        background.run(() -> OutputPreviews.ofFile(file.path(), PREVIEW_SIDE), preview::set,
                why -> preview.set(new OutputPreview.Failure(file.path().getFileName().toString(), "", why)));
    }

    /** Who opens a file in the program the desktop associates with it (the application's host services). */
    public void setFileOpener(java.util.function.Consumer<Path> opener) {
        fileOpener = opener;
    }

    /** Opens the file in the desktop's program for it (a spreadsheet for CSV, an image viewer for pictures). */
    public void openExternally(Operations.OutputFile file) {
        if (file == null) {
            message.error("Select a file first");
        } else if (!java.nio.file.Files.isRegularFile(file.path())) {
            message.error(file.path().getFileName() + " is gone from " + file.path().getParent());
        } else if (fileOpener == null) {
            message.error("This window cannot start other programs; the file is " + file.path());
        } else {
            fileOpener.accept(file.path());
            message.info("Opened " + file.path().getFileName() + " in the desktop's program for it");
        }
    }

    /** Puts the selected run's node states on the canvas (failed nodes red with their message). */
    public void showOnCanvas() {
        Operations.PastRun run = selected.get();
        if (run == null || !ranOpenWorkflow(run)) {
            message.error("Open the workflow this run ran to see its nodes on the canvas");
            return;
        }
        Map<NodeId, NodeRunState> states = new HashMap<>();
        Workflow workflow = openWorkflow.get();
        boolean allFine = run.status().equals("succeeded") && run.nodeErrors().isEmpty();
        workflow.nodes().forEach(n -> {
            NodeResult r = shownResults.get(n.id().toString());
            String why = run.nodeErrors().get(n.id().toString());
            if (r != null) {
                states.put(n.id(), new NodeRunState(r.state(), 0, 0, "", r, null));
            } else if (why != null) {
                states.put(n.id(), new NodeRunState(NodeState.FAILED, 0, 0, why, new NodeResult.Failed(why, "", 0), null));
            } else if (allFine && shownResults.isEmpty()) {
                states.put(n.id(), new NodeRunState(NodeState.SUCCEEDED, 0, 0, "from history", null, null));
            }
        });
        boolean complete = !shownResults.isEmpty();
        if (runs.showStates(states)) {
            message.info("The canvas shows run " + run.runId() + (complete ? "" : " as far as history recorded it (its node errors)")
                    + "; run again to replace it");
        } else {
            message.error("A run is in progress: the canvas shows it until it ends");
        }
    }

    private Optional<RunSummary> sessionSummary(String runId) {
        return runs.history().stream().filter(s -> s.runId().equals(runId)).findFirst();
    }

    private boolean ranOpenWorkflow(Operations.PastRun run) {
        Path file = openFile.get();
        return file != null && file.toAbsolutePath().normalize().toString().equals(run.workflowFile());
    }

    static String describe(Operations.PastRun r) {
        StringBuilder b = new StringBuilder();
        b.append(r.status()).append(" · ").append(r.trigger());
        if (!r.scheduleId().isEmpty()) {
            b.append(" of schedule ").append(r.scheduleId());
        }
        b.append(" · ").append(r.itemsOk()).append(" items ok, ").append(r.itemsFailed()).append(" failed\n");
        b.append("started ").append(OpsText.time(r.startedAt()));
        r.duration().ifPresent(d -> b.append(" · took ").append(OpsText.millis(d.toMillis())));
        if (!r.note().isBlank()) {
            b.append('\n').append(r.note());
        }
        b.append("\nworkflow ").append(r.workflowFile()).append("\nrun ").append(r.runId());
        return b.toString();
    }
}
