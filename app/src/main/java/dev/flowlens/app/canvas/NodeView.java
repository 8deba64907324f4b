package dev.flowlens.app.canvas;

import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.PortRef;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.validation.ValidationIssue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/**
 * One node on the canvas, drawn from its spec: a header with the title and a problem badge, typed input
 * ports down the left and output ports down the right ({@link NodeGeometry}). State is shown with the
 * pseudo-classes {@code :selected}, {@code :error}, {@code :warning} and {@code :running}.
 */
public final class NodeView extends Pane {
    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    public static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    public static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    public static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");
    public static final PseudoClass COMPATIBLE = PseudoClass.getPseudoClass("compatible");
    public static final PseudoClass INCOMPATIBLE = PseudoClass.getPseudoClass("incompatible");

    /** Run states, one pseudo-class each (running is shared with the editor's {@link #RUNNING}). */
    public static final java.util.Map<dev.flowlens.runtime.api.NodeState, PseudoClass> RUN_STATES = runStates();

    private final NodeInstance node;
    private final Label runStatus = new Label();
    private final javafx.scene.control.ProgressBar progress = new javafx.scene.control.ProgressBar();
    private final javafx.scene.image.ImageView thumbnail = new javafx.scene.image.ImageView();
    private final javafx.scene.layout.VBox runBox = new javafx.scene.layout.VBox(3, runStatus, progress, thumbnail);
    private String runTip = "";
    private final NodeSpec spec;
    private final Label title = new Label();
    private final Label badge = new Label();
    private String badgeText = "";
    private final Map<String, Circle> inputPorts = new HashMap<>();
    private final Map<String, Circle> outputPorts = new HashMap<>();

    /** {@code spec} is null for a node whose type is not in the catalog: it is drawn without ports, as an error. */
    public NodeView(NodeInstance node, NodeSpec spec, String shownTitle) {
        this.node = node;
        this.spec = spec;
        getStyleClass().add("flow-node");
        // Drawn once into a bitmap and blitted while the canvas pans: a card is dozens of shapes and texts,
        // and re-rendering 500 of them per frame halves the frame rate under the software pipeline. The canvas
        // turns it off when zoomed in past CanvasView.CACHE_MAX_ZOOM, where few cards show and bitmaps grow.
        setCache(true);
        setId("node-" + node.id());
        setPrefSize(NodeGeometry.WIDTH, NodeGeometry.height(spec));
        setMinSize(NodeGeometry.WIDTH, NodeGeometry.height(spec));
        setMaxSize(NodeGeometry.WIDTH, NodeGeometry.height(spec));

        title.getStyleClass().add("node-title");
        title.setText(shownTitle);
        title.setMinWidth(0);
        badge.getStyleClass().add("node-badge");
        badge.setVisible(false);
        badge.setManaged(false);
        LazyTooltip.install(badge, () -> badgeText);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, title, spacer, badge);
        header.getStyleClass().add("node-header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPrefSize(NodeGeometry.WIDTH, NodeGeometry.HEADER);
        header.setMaxSize(NodeGeometry.WIDTH, NodeGeometry.HEADER);
        header.resizeRelocate(0, 0, NodeGeometry.WIDTH, NodeGeometry.HEADER);
        getChildren().add(header);

        runStatus.getStyleClass().add("node-run-status");
        runStatus.setId("run-status-" + node.id());
        runStatus.setMaxWidth(NodeGeometry.WIDTH);
        runStatus.setWrapText(true);
        runStatus.setMaxHeight(48);
        LazyTooltip.install(runStatus, () -> runTip);
        progress.getStyleClass().add("node-progress");
        progress.setPrefWidth(NodeGeometry.WIDTH);
        thumbnail.getStyleClass().add("node-thumbnail");
        thumbnail.setPreserveRatio(true);
        thumbnail.setFitHeight(48);
        thumbnail.setFitWidth(NodeGeometry.WIDTH);
        runBox.getStyleClass().add("node-run");
        runBox.setManaged(false);
        runBox.setVisible(false);
        runBox.setMouseTransparent(false);
        runBox.relocate(0, NodeGeometry.height(spec) + 4);
        runBox.setPrefWidth(NodeGeometry.WIDTH);
        // Joins the scene with the first run: a never-run card stays a dozen scene nodes lighter, which the
        // bounds pass of every frame feels on a 500-node canvas.

        if (spec == null) {
            Label unknown = new Label("unknown type " + node.type());
            unknown.getStyleClass().add("node-subtitle");
            unknown.relocate(10, NodeGeometry.HEADER + 4);
            getChildren().add(unknown);
            return;
        }
        LazyTooltip.install(header, () -> spec.displayName() + " (" + spec.typeId() + ")"
                + (spec.description().isBlank() ? "" : "\n" + spec.description()));
        for (int i = 0; i < spec.inputs().size(); i++) {
            InputSpec in = spec.inputs().get(i);
            Circle port = port(in.type().displayName(), in.description(), PortStyles.classesOf(in.type()));
            port.setId("in-" + node.id() + "-" + in.name());
            port.setCenterX(0);
            port.setCenterY(NodeGeometry.rowCenterY(i));
            Text label = portLabel(in.name() + (in.required() ? "" : "?"));
            label.setLayoutX(12);
            label.setLayoutY(NodeGeometry.rowCenterY(i));
            inputPorts.put(in.name(), port);
            getChildren().addAll(label, port);
        }
        for (int i = 0; i < spec.outputs().size(); i++) {
            OutputSpec out = spec.outputs().get(i);
            Circle port = port(out.type().displayName(), out.description(), PortStyles.classesOf(out.type()));
            port.setId("out-" + node.id() + "-" + out.name());
            port.setCenterX(NodeGeometry.WIDTH);
            port.setCenterY(NodeGeometry.rowCenterY(i));
            Text label = portLabel(out.name());
            label.setWrappingWidth(NodeGeometry.WIDTH / 2 - 12);
            label.setTextAlignment(TextAlignment.RIGHT);
            label.setLayoutX(NodeGeometry.WIDTH / 2);
            label.setLayoutY(NodeGeometry.rowCenterY(i));
            outputPorts.put(out.name(), port);
            getChildren().addAll(label, port);
        }
    }

    private static Circle port(String typeName, String description, List<String> classes) {
        Circle c = new Circle(NodeGeometry.PORT_RADIUS);
        c.getStyleClass().add("port");
        c.getStyleClass().addAll(classes);
        LazyTooltip.install(c, () -> typeName + (description.isBlank() ? "" : "\n" + description));
        return c;
    }

    /** Port names are plain text nodes: far cheaper than labels when a canvas holds hundreds of nodes. */
    private static Text portLabel(String text) {
        Text t = new Text(text);
        t.getStyleClass().add("port-label");
        t.setTextOrigin(VPos.CENTER);
        t.setMouseTransparent(true);
        return t;
    }

    public NodeInstance node() {
        return node;
    }

    public NodeSpec spec() {
        return spec;
    }

    public Map<String, Circle> inputPorts() {
        return inputPorts;
    }

    public Map<String, Circle> outputPorts() {
        return outputPorts;
    }

    public String titleText() {
        return title.getText();
    }

    public Label badge() {
        return badge;
    }

    /** The messages the badge shows on hover: one line per validation issue. */
    public String badgeMessages() {
        return badgeText;
    }

    public void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    /** Shows the node's validation issues: a badge with their count, the messages on hover, and the state colour. */
    public void showIssues(List<ValidationIssue> issues) {
        boolean error = spec == null || issues.stream().anyMatch(ValidationIssue::isError);
        boolean warning = !error && !issues.isEmpty();
        pseudoClassStateChanged(ERROR, error);
        pseudoClassStateChanged(WARNING, warning);
        badge.setVisible(!issues.isEmpty());
        badge.setManaged(!issues.isEmpty());
        badge.setText(issues.isEmpty() ? "" : "! " + issues.size());
        badgeText = issues.stream().map(ValidationIssue::message).collect(Collectors.joining("\n"));
    }

    /**
     * Shows where the node is in a run: a pseudo-class per state ({@code :queued :running :succeeded :cached
     * :failed :skipped :cancelled}), a line under the node (items n/total, time taken, the short error),
     * a progress bar while it runs over items, and a thumbnail of its first image output. Null clears it all.
     */
    public void showRun(dev.flowlens.app.run.NodeRunState run) {
        RUN_STATES.forEach((state, pc) -> pseudoClassStateChanged(pc, run != null && run.state() == state));
        if (run == null) {
            runBox.setVisible(false);
            runTip = "";
            return;
        }
        if (runBox.getParent() == null) {
            getChildren().add(runBox);
        }
        runBox.setVisible(true);
        runBox.autosize();
        runStatus.setText(run.summary());
        runTip = run.result() instanceof dev.flowlens.runtime.api.NodeResult.Failed f ? f.message() : run.summary();
        boolean showProgress = run.state() == dev.flowlens.runtime.api.NodeState.RUNNING;
        progress.setVisible(showProgress);
        progress.setManaged(showProgress);
        progress.setProgress(run.total() > 0 ? (double) run.done() / run.total() : -1);
        var pic = run.thumbnail();
        if (pic == null) {
            thumbnail.setImage(null);
            thumbnail.setVisible(false);
            thumbnail.setManaged(false);
        } else if (thumbnail.getUserData() != pic) {
            thumbnail.setImage(dev.flowlens.app.run.Pictures.toImage(pic));
            thumbnail.setUserData(pic);
            thumbnail.setVisible(true);
            thumbnail.setManaged(true);
        }
        runBox.autosize();
    }

    /** The line under the node that says its run state; for tests and screen readers. */
    public String runStatusText() {
        return runBox.isVisible() ? runStatus.getText() : "";
    }

    private static java.util.Map<dev.flowlens.runtime.api.NodeState, PseudoClass> runStates() {
        java.util.Map<dev.flowlens.runtime.api.NodeState, PseudoClass> m = new java.util.EnumMap<>(dev.flowlens.runtime.api.NodeState.class);
        for (var s : dev.flowlens.runtime.api.NodeState.values()) {
            m.put(s, PseudoClass.getPseudoClass(s.name().toLowerCase(java.util.Locale.ROOT)));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Lights up the inputs a dragged wire may end in; dims the others. Empty set clears the marks. */
    public void markCompatible(java.util.Set<PortRef> compatible, boolean dragging) {
        inputPorts.forEach((name, circle) -> {
            boolean ok = compatible.contains(new PortRef(node.id(), name));
            circle.pseudoClassStateChanged(COMPATIBLE, dragging && ok);
            circle.pseudoClassStateChanged(INCOMPATIBLE, dragging && !ok);
        });
    }
}
