package dev.flowlens.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.app.canvas.CanvasViewModel;
import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.runtime.api.ItemProblem;
import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.NodeResults;
import dev.flowlens.runtime.api.OutputPreview;
import dev.flowlens.runtime.api.OutputPreviews;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The pane under the canvas: Details of the selected node's result (full error, failed items, inputs, stack
 * trace to copy), Preview of its outputs (pictures with boxes, text/JSON, sortable tables, accuracy and
 * confusion matrices) and the run Log. The run history has its own tab ({@code dev.flowlens.app.ops.HistoryView}).
 */
public final class RunPanel extends TabPane {

    private final RunViewModel runs;
    private final CanvasViewModel canvas;
    private final Label detailsSummary = new Label("Select a node to see its result");
    private final TextArea detailsMessage = readOnly("details-message", 3);
    private final ListView<String> itemProblems = new ListView<>();
    private final ListView<String> inputs = new ListView<>();
    private final TextArea trace = readOnly("details-trace", 6);
    private final ComboBox<String> outputChoice = new ComboBox<>();
    private final BorderPane previewBody = new BorderPane();
    private final ListView<String> logView = new ListView<>();
    private final ReadOnlyStringWrapper shownNode = new ReadOnlyStringWrapper();
    private Map<String, Object> shownOutputs = Map.of();

    public RunPanel(RunViewModel runs, CanvasViewModel canvas) {
        this.runs = runs;
        this.canvas = canvas;
        setId("run-panel");
        getStyleClass().add("run-panel");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        getTabs().addAll(tab("Details", details()), tab("Preview", preview()), tab("Log", log()));
        runs.statesProperty().addListener((obs, old, now) -> refresh());
        canvas.selectionProperty().addListener((obs, old, now) -> refresh());
    }

    private static Tab tab(String name, Node content) {
        Tab t = new Tab(name, content);
        t.setId("tab-" + name.toLowerCase(java.util.Locale.ROOT));
        return t;
    }

    private static TextArea readOnly(String id, int rows) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setEditable(false);
        a.setWrapText(true);
        a.setPrefRowCount(rows);
        return a;
    }

    // ------------------------------------------------------------------ details

    private Node details() {
        detailsSummary.setId("details-summary");
        detailsSummary.getStyleClass().add("details-summary");
        detailsSummary.setWrapText(true);
        itemProblems.setId("details-items");
        itemProblems.setPlaceholder(new Label("No item failed"));
        inputs.setId("details-inputs");
        inputs.setPlaceholder(new Label("No inputs"));
        Button copy = new Button("Copy stack trace");
        copy.setId("copy-trace");
        copy.setOnAction(e -> copy(trace.getText().isBlank() ? detailsMessage.getText() : trace.getText()));
        VBox left = new VBox(4, detailsSummary, detailsMessage, new Label("Inputs"), inputs);
        VBox right = new VBox(4, new Label("Failed items (which item, why)"), itemProblems,
                new HBox(8, new Label("Stack trace"), copy), trace);
        VBox.setVgrow(inputs, Priority.ALWAYS);
        VBox.setVgrow(itemProblems, Priority.ALWAYS);
        VBox.setVgrow(trace, Priority.ALWAYS);
        left.setPadding(new Insets(6));
        right.setPadding(new Insets(6));
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.5);
        return split;
    }

    /** The node the panels show: the selected one, else the first that failed. */
    private Optional<NodeId> focusNode() {
        if (canvas.getSelection().size() == 1) {
            return canvas.getSelection().stream().findFirst();
        }
        return runs.getStates().entrySet().stream()
                .filter(e -> e.getValue().result() instanceof NodeResult.Failed)
                .map(Map.Entry::getKey).sorted(Comparator.comparing(NodeId::toString)).findFirst();
    }

    private void refresh() {
        Optional<NodeId> id = focusNode();
        NodeRunState st = id.map(runs.getStates()::get).orElse(null);
        String title = id.flatMap(i -> canvas.getWorkflow().node(i)).map(canvas::shortNameOf).orElse("");
        if (id.isEmpty() || st == null) {
            detailsSummary.setText(id.isEmpty() ? "Select a node to see its result" : title + ": not run yet");
            detailsMessage.clear();
            trace.clear();
            itemProblems.getItems().clear();
            inputs.getItems().clear();
            showOutputs(id.map(NodeId::toString).orElse(""), Map.of());
            return;
        }
        detailsSummary.setText(title + " (" + id.get() + "): " + st.summary());
        if (st.result() instanceof NodeResult.Failed f) {
            detailsMessage.setText(f.message());
            trace.setText(f.detail().isBlank() ? "(no stack trace: the node reported a problem you can fix)" : f.detail());
        } else {
            detailsMessage.setText(st.message());
            trace.clear();
        }
        List<String> problems = new ArrayList<>();
        if (st.result() != null) {
            for (ItemProblem p : OutputPreviews.problems(st.result())) {
                problems.add(p.item() + " — " + p.message() + " (at " + p.node() + ")");
            }
        }
        itemProblems.getItems().setAll(problems);
        List<String> in = new ArrayList<>();
        for (Edge e : canvas.getWorkflow().edges()) {
            if (e.to().node().equals(id.get())) {
                NodeRunState from = runs.getStates().get(e.from().node());
                String what = from == null || from.result() == null ? "not ready"
                        : NodeResults.items(from.result()) + " item(s), " + from.okItems() + " fine";
                in.add(e.to().port() + " ← " + e.from() + ": " + what);
            }
        }
        inputs.getItems().setAll(in);
        showOutputs(id.get().toString(), st.result() == null ? Map.of() : NodeResults.outputs(st.result()));
    }

    // ------------------------------------------------------------------ previews

    private Node preview() {
        outputChoice.setId("preview-output");
        outputChoice.setPromptText("Output");
        outputChoice.setOnAction(e -> showOutput(outputChoice.getValue()));
        previewBody.setId("preview-body");
        previewBody.setCenter(new Label("Run the workflow and select a node to preview its outputs"));
        HBox top = new HBox(8, new Label("Output"), outputChoice);
        top.setPadding(new Insets(4));
        return new BorderPane(previewBody, top, null, null, null);
    }

    private void showOutputs(String node, Map<String, Object> outputs) {
        if (node.equals(shownNode.get()) && outputs.equals(shownOutputs)) {
            return;
        }
        shownNode.set(node);
        shownOutputs = outputs;
        List<String> names = new ArrayList<>(outputs.keySet());
        names.sort(null);
        outputChoice.getItems().setAll(names);
        if (names.isEmpty()) {
            previewBody.setCenter(new Label("No outputs to preview"));
        } else {
            String pick = names.stream().filter(n -> OutputPreviews.isImage(first(outputs.get(n)))).findFirst().orElse(names.get(0));
            outputChoice.setValue(pick);
            showOutput(pick);
        }
    }

    private static Object first(Object v) {
        return v instanceof List<?> l && !l.isEmpty() ? l.get(0) : v;
    }

    private void showOutput(String name) {
        if (name == null || !shownOutputs.containsKey(name)) {
            return;
        }
        Object value = shownOutputs.get(name);
        if (value instanceof List<?> list) {
            ListView<String> items = new ListView<>();
            items.setId("preview-items");
            for (int i = 0; i < list.size(); i++) {
                items.getItems().add((i + 1) + ". " + OutputPreviews.label(list.get(i)));
            }
            StackPane detail = new StackPane();
            items.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> {
                int i = now.intValue();
                if (i >= 0) {
                    detail.getChildren().setAll(render(list.get(i), annotationFor(name, i)));
                }
            });
            SplitPane split = new SplitPane(items, detail);
            split.setDividerPositions(0.3);
            previewBody.setCenter(split);
            if (!list.isEmpty()) {
                items.getSelectionModel().select(0);
            }
        } else {
            previewBody.setCenter(render(value, annotationFor(name, -1)));
        }
    }

    /** Detections or classifications of the same node and item, drawn on its image. */
    private Object annotationFor(String output, int index) {
        for (Map.Entry<String, Object> e : shownOutputs.entrySet()) {
            if (e.getKey().equals(output)) {
                continue;
            }
            Object v = index >= 0 && e.getValue() instanceof List<?> l && index < l.size() ? l.get(index) : e.getValue();
            if (OutputPreviews.isAnnotation(v)) {
                return v;
            }
        }
        return null;
    }

    private Node render(Object value, Object annotation) {
        OutputPreview p = annotation != null ? OutputPreviews.annotated(value, annotation, 480) : OutputPreviews.of(value, 480);
        if (p instanceof OutputPreview.Picture pic) {
            return picture(pic);
        }
        if (p instanceof OutputPreview.Grid g) {
            return GridTable.of(g, "preview-table");
        }
        if (p instanceof OutputPreview.Failure f) {
            Label l = new Label("✗ " + f.item() + " failed at " + f.node() + ": " + f.message());
            l.getStyleClass().add("preview-failure");
            l.setWrapText(true);
            return l;
        }
        if (p instanceof OutputPreview.Text t) {
            if (t.json() && value instanceof JsonNode j && j.has("fields")) {
                return metrics(j, t.text());
            }
            return text(t.text());
        }
        return text(String.valueOf(value));
    }

    private Node picture(OutputPreview.Picture pic) {
        ImageView view = new ImageView(Pictures.toImage(pic));
        view.setId("preview-image");
        Canvas overlay = new Canvas(pic.width(), pic.height());
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.setStroke(Color.web("#ff3b30"));
        g.setLineWidth(2);
        g.setFill(Color.web("#ff3b30"));
        for (OutputPreview.Box b : pic.boxes()) {
            g.strokeRect(b.x(), b.y(), b.width(), b.height());
            g.fillText(String.format(java.util.Locale.ROOT, "%s %.2f", b.label(), b.score()), b.x() + 2, Math.max(10, b.y() - 3));
        }
        StackPane stack = new StackPane(view, overlay);
        Label caption = new Label(pic.name() + " · " + pic.sourceWidth() + "×" + pic.sourceHeight()
                + (pic.boxes().isEmpty() ? "" : " · " + pic.boxes().size() + " detections"));
        VBox box = new VBox(4, caption, stack);
        for (OutputPreview.Label l : pic.labels()) {
            box.getChildren().add(new Label(String.format(java.util.Locale.ROOT, "%s  %.3f", l.label(), l.score())));
        }
        return new ScrollPane(box);
    }

    private Node text(String text) {
        TextArea area = readOnly("preview-text", 10);
        area.setText(text);
        area.getStyleClass().add("preview-text");
        Button copy = new Button("Copy");
        copy.setOnAction(e -> copy(text));
        VBox.setVgrow(area, Priority.ALWAYS);
        return new VBox(4, copy, area);
    }


    /** Evaluation results: accuracy per field and its confusion matrix (rows expected, columns predicted). */
    private Node metrics(JsonNode m, String json) {
        VBox box = new VBox(8);
        box.setId("preview-metrics");
        box.setPadding(new Insets(6));
        if (m.has("exact_match_accuracy")) {
            box.getChildren().add(new Label(String.format(java.util.Locale.ROOT, "Exact-match accuracy %.1f%% over %d items",
                    m.path("exact_match_accuracy").asDouble() * 100, m.path("items_compared").asInt())));
        }
        m.path("fields").fields().forEachRemaining(f -> {
            JsonNode field = f.getValue();
            Label head = new Label(String.format(java.util.Locale.ROOT, "%s: accuracy %.1f%% (%d of %d)", f.getKey(),
                    field.path("accuracy").asDouble() * 100, field.path("correct").asInt(), field.path("compared").asInt()));
            head.getStyleClass().add("metrics-field");
            box.getChildren().addAll(head, confusion(field.path("confusion")));
        });
        box.getChildren().add(text(json));
        return new ScrollPane(box);
    }

    private static Node confusion(JsonNode matrix) {
        java.util.TreeSet<String> classes = new java.util.TreeSet<>();
        matrix.fields().forEachRemaining(r -> {
            classes.add(r.getKey());
            r.getValue().fieldNames().forEachRemaining(classes::add);
        });
        List<String> cls = new ArrayList<>(classes);
        int max = 1;
        for (String e : cls) {
            for (String p : cls) {
                max = Math.max(max, matrix.path(e).path(p).asInt());
            }
        }
        GridPane grid = new GridPane();
        grid.getStyleClass().add("confusion-matrix");
        grid.add(new Label("expected ↓ / predicted →"), 0, 0);
        for (int j = 0; j < cls.size(); j++) {
            grid.add(new Label(cls.get(j)), j + 1, 0);
        }
        for (int i = 0; i < cls.size(); i++) {
            grid.add(new Label(cls.get(i)), 0, i + 1);
            for (int j = 0; j < cls.size(); j++) {
                int n = matrix.path(cls.get(i)).path(cls.get(j)).asInt();
                Label cell = new Label(String.valueOf(n));
                cell.getStyleClass().add(i == j ? "confusion-hit" : "confusion-miss");
                cell.setMinWidth(48);
                double alpha = 0.12 + 0.7 * n / max;
                String rgb = i == j ? "46,160,67" : "207,34,46";
                cell.setStyle("-fl-cell-color: rgba(" + rgb + "," + (n == 0 ? 0.05 : alpha) + ");");
                grid.add(cell, j + 1, i + 1);
            }
        }
        return grid;
    }

    // ------------------------------------------------------------------ log

    private Node log() {
        logView.setId("run-log");
        logView.setItems(runs.log());
        logView.setPlaceholder(new Label("Run the workflow (Ctrl+Enter) to see its events here"));
        runs.log().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!logView.getItems().isEmpty()) {
                logView.scrollTo(logView.getItems().size() - 1);
            }
        });
        Button copy = new Button("Copy log");
        copy.setOnAction(e -> copy(String.join("\n", runs.log())));
        VBox.setVgrow(logView, Priority.ALWAYS);
        return new VBox(4, copy, logView);
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** Text the details tab shows, for tests. */
    public String detailsText() {
        return detailsSummary.getText() + "\n" + detailsMessage.getText();
    }

    public List<String> itemProblemLines() {
        return List.copyOf(itemProblems.getItems());
    }

    public String traceText() {
        return trace.getText();
    }
}
