package dev.flowlens.app.canvas;

import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.Frame;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.PortRef;
import dev.flowlens.core.model.Position;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.validation.ValidationIssue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.animation.PauseTransition;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.CacheHint;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseDragEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import javafx.util.Duration;

/**
 * The canvas: renders the view model's workflow (nodes from their specs, wires as cubic curves coloured by
 * type) and turns mouse gestures into view-model commands. Pan with the middle button or space + drag,
 * zoom with the wheel (to the cursor), select by click, shift-click or rubber band, move by dragging,
 * wire by dragging from an output to an input, add by dropping a palette entry or double-clicking.
 * Frames lie behind the nodes ({@link FrameView}); the {@link Minimap} sits in the bottom-right corner.
 * Panning and zooming only change one transform of the world; node cards are cached bitmaps.
 */
public final class CanvasView extends Region {
    public static final double MIN_ZOOM = 0.1;
    public static final double MAX_ZOOM = 3;

    private final CanvasViewModel model;
    private final Pane world = new Pane();
    private final Group frameLayer = new Group();
    private final Group wireLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Group dragLayer = new Group();
    private final Rectangle rubberBand = new Rectangle();
    private final Label emptyHint = new Label("Drag a node from the palette, or double-click here to add one");
    private final Translate pan = new Translate();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final ReadOnlyDoubleWrapper zoomLevel = new ReadOnlyDoubleWrapper(this, "zoomLevel", 1);
    /** Below this zoom the canvas is marked {@code :far} and the sheets hide small text (level of detail). */
    public static final double FAR_ZOOM = 0.45;
    private static final javafx.css.PseudoClass FAR = javafx.css.PseudoClass.getPseudoClass("far");
    private final Map<NodeId, NodeView> nodeViews = new LinkedHashMap<>();
    private final Map<String, FrameView> frameViews = new LinkedHashMap<>();
    /** Below this many nodes the minimap stays hidden unless part of the graph is out of sight. */
    public static final int MINIMAP_MIN_NODES = 25;
    private final Minimap minimap;
    private final BooleanProperty minimapEnabled = new SimpleBooleanProperty(this, "minimapEnabled", true);
    /** The canvas area covered by nodes and frames, or null for an empty canvas; kept for the minimap's rule. */
    private Rectangle2D graphBounds;
    private final Map<Edge, CubicCurve> wires = new LinkedHashMap<>();
    private final Map<Edge, javafx.scene.text.Text> wireCounts = new LinkedHashMap<>();
    private Map<NodeId, dev.flowlens.app.run.NodeRunState> runStates = Map.of();
    private final NodeSearchPopup searchPopup;
    /** Ends a zoom gesture: node bitmaps are redrawn sharp at the final zoom once the wheel rests. */
    private final PauseTransition zoomSettles = new PauseTransition(Duration.millis(250));
    private boolean zooming;
    /**
     * Above this zoom node cards are drawn directly: only a few fit on screen, and their bitmaps would be big
     * (a card at 300% is 600 x 330 pixels, four times that on a 200% screen).
     */
    public static final double CACHE_MAX_ZOOM = 1.0;

    private boolean spaceDown;
    private Point2D panStart;
    private Point2D bandStart;
    private Point2D moveStart;
    private final Map<NodeId, Point2D> moveOrigins = new HashMap<>();
    private PortRef wireFrom;
    /** The wire picked up from an input, while it is dragged elsewhere. */
    private Edge pickedUp;
    private CubicCurve draggedWire;
    /** A frame being dragged by its title bar: where the drag started and where its nodes were. */
    private Point2D frameMoveStart;
    private final Map<NodeId, Point2D> frameMoveNodeOrigins = new HashMap<>();
    private final Set<FrameView> frameMoveNested = new HashSet<>();
    private Point2D frameResizeStart;

    public CanvasView(CanvasViewModel model) {
        this.model = model;
        this.searchPopup = new NodeSearchPopup(model.catalog());
        getStyleClass().add("canvas");
        setId("canvas");
        setFocusTraversable(true);
        setMinSize(200, 200);
        world.getTransforms().addAll(pan, zoom);
        world.setPickOnBounds(false);
        world.setManaged(false);
        world.getChildren().addAll(frameLayer, wireLayer, nodeLayer, dragLayer);
        rubberBand.getStyleClass().add("rubber-band");
        rubberBand.setVisible(false);
        rubberBand.setManaged(false);
        rubberBand.setMouseTransparent(true);
        emptyHint.getStyleClass().add("empty-hint");
        emptyHint.setMouseTransparent(true);
        emptyHint.setManaged(false);
        minimap = new Minimap(p -> {
            requestFocus(); // the arrows and shortcuts go on working on the canvas
            centreOn(p.getX(), p.getY());
        });
        minimap.setManaged(false);
        getChildren().addAll(world, rubberBand, minimap, emptyHint);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        model.workflowProperty().addListener((obs, old, now) -> render(now));
        model.issuesProperty().addListener((obs, old, now) -> showIssues(now));
        model.selectionProperty().addListener((obs, old, now) -> showSelection(now));
        model.selectedFrameProperty().addListener((obs, old, now) ->
                frameViews.forEach((id, view) -> view.setSelected(id.equals(now))));
        javafx.beans.InvalidationListener viewportMoved = obs -> showViewportOnMinimap();
        pan.xProperty().addListener(viewportMoved);
        pan.yProperty().addListener(viewportMoved);
        zoom.xProperty().addListener(viewportMoved);
        widthProperty().addListener(viewportMoved);
        heightProperty().addListener(viewportMoved);
        minimapEnabled.addListener(viewportMoved);
        model.revealRequestProperty().addListener((obs, old, now) -> {
            if (now != null) {
                centerOn(now);
            }
        });
        zoomLevel.addListener((obs, old, now) -> {
            pseudoClassStateChanged(FAR, now.doubleValue() < FAR_ZOOM);
            boolean cache = now.doubleValue() <= CACHE_MAX_ZOOM;
            if (cache != (old.doubleValue() <= CACHE_MAX_ZOOM)) {
                nodeLayer.getChildren().forEach(n -> n.setCache(cache));
            }
        });
        zoomSettles.setOnFinished(e -> {
            zooming = false;
            nodeLayer.getChildren().forEach(n -> n.setCacheHint(CacheHint.QUALITY));
        });
        installGestures();
        render(model.getWorkflow());
    }

    // ------------------------------------------------------------------ rendering

    private void render(Workflow workflow) {
        renderFrames(workflow.canvas().frames());
        Set<NodeId> present = new HashSet<>();
        for (NodeInstance node : workflow.nodes()) {
            present.add(node.id());
            NodeView view = nodeViews.get(node.id());
            if (view == null || !view.node().type().equals(node.type()) || !view.node().title().equals(node.title())) {
                if (view != null) {
                    nodeLayer.getChildren().remove(view);
                }
                NodeSpec spec = model.specOf(node).orElse(null);
                view = new NodeView(node, spec, model.shortNameOf(node));
                view.setCache(getZoom() <= CACHE_MAX_ZOOM);
                installNodeGestures(view);
                nodeViews.put(node.id(), view);
                nodeLayer.getChildren().add(view);
            }
            view.setUserData(node);
            view.relocate(node.position().x(), node.position().y());
        }
        nodeViews.keySet().removeIf(id -> {
            if (!present.contains(id)) {
                nodeLayer.getChildren().remove(nodeViews.get(id));
                return true;
            }
            return false;
        });
        // Wires whose edge and end cards are unchanged are kept: moving one node of a big graph must not
        // rebuild hundreds of curves and their bindings.
        Map<Edge, CubicCurve> kept = new LinkedHashMap<>();
        for (Edge edge : workflow.edges()) {
            CubicCurve old = wires.get(edge);
            if (old != null && old.getProperties().get(FROM_VIEW) == nodeViews.get(edge.from().node())
                    && old.getProperties().get(TO_VIEW) == nodeViews.get(edge.to().node())) {
                kept.put(edge, old);
            } else {
                wireFor(edge).ifPresent(curve -> {
                    kept.put(edge, curve);
                    wireCounts.put(edge, countFor(curve));
                });
            }
        }
        wires.clear();
        wires.putAll(kept);
        wireCounts.keySet().retainAll(kept.keySet());
        Set<Node> wanted = new HashSet<>(kept.values());
        wanted.addAll(wireCounts.values());
        wireLayer.getChildren().removeIf(n -> !wanted.contains(n));
        // New curves go under the item counts, which stay on top.
        wireLayer.getChildren().addAll(0, kept.values().stream().filter(c -> c.getParent() == null).toList());
        showRun(runStates);
        showIssues(model.getIssues());
        showSelection(model.getSelection());
        boolean empty = workflow.nodes().isEmpty();
        emptyHint.setVisible(empty);
        List<CanvasViewModel.Box> boxes = workflow.nodes().stream().map(model::boxOf).toList();
        minimap.show(boxes, workflow.canvas().frames());
        graphBounds = minimap.world();
        showViewportOnMinimap();
    }

    private void renderFrames(List<Frame> frames) {
        Set<String> present = new HashSet<>();
        for (Frame frame : frames) {
            present.add(frame.id());
            FrameView view = frameViews.get(frame.id());
            if (view == null) {
                view = new FrameView(frame);
                installFrameGestures(view);
                frameViews.put(frame.id(), view);
            }
            view.show(frame);
            view.setSelected(frame.id().equals(model.getSelectedFrame()));
        }
        frameViews.keySet().removeIf(id -> !present.contains(id));
        // File order is drawing order: a later frame lies on top of an earlier one. Only touched when it
        // changed, so that a title being typed in a frame keeps its focus.
        List<Node> order = frames.stream().map(f -> (Node) frameViews.get(f.id())).toList();
        if (!frameLayer.getChildren().equals(order)) {
            frameLayer.getChildren().setAll(order);
        }
    }

    /**
     * Shows the minimap when it is switched on and useful: a big graph, or one reaching out of sight; and
     * outlines the visible area on it.
     */
    private void showViewportOnMinimap() {
        Rectangle2D visible = visibleArea();
        boolean bigOrHidden = graphBounds != null && (model.getWorkflow().nodes().size() >= MINIMAP_MIN_NODES
                || !visible.contains(graphBounds));
        minimap.setVisible(minimapEnabled.get() && bigOrHidden);
        if (minimap.isVisible()) {
            minimap.showViewport(visible);
        }
    }

    /** The part of the canvas this view shows, in canvas units. */
    public Rectangle2D visibleArea() {
        Point2D a = toCanvas(0, 0);
        Point2D b = toCanvas(Math.max(1, getWidth()), Math.max(1, getHeight()));
        return new Rectangle2D(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
    }

    private static final String FROM_VIEW = "flowlens.from";
    private static final String TO_VIEW = "flowlens.to";

    /** The item count drawn on a wire during a run; it joins the scene only when it has something to say. */
    private static javafx.scene.text.Text countFor(CubicCurve curve) {
        javafx.scene.text.Text count = new javafx.scene.text.Text();
        count.getStyleClass().add("wire-count");
        count.setMouseTransparent(true);
        count.xProperty().bind(curve.startXProperty().add(curve.endXProperty()).divide(2));
        count.yProperty().bind(curve.startYProperty().add(curve.endYProperty()).divide(2).subtract(4));
        return count;
    }

    private Optional<CubicCurve> wireFor(Edge edge) {
        NodeView from = nodeViews.get(edge.from().node());
        NodeView to = nodeViews.get(edge.to().node());
        if (from == null || to == null) {
            return Optional.empty();
        }
        Optional<double[]> a = NodeGeometry.outputOffset(from.spec(), edge.from().port());
        Optional<double[]> b = NodeGeometry.inputOffset(to.spec(), edge.to().port());
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        CubicCurve curve = new CubicCurve();
        curve.getStyleClass().add("wire");
        from.spec().output(edge.from().port()).map(OutputSpec::type)
                .ifPresent(t -> curve.getStyleClass().addAll(PortStyles.classesOf(t)));
        curve.startXProperty().bind(from.layoutXProperty().add(a.get()[0]));
        curve.startYProperty().bind(from.layoutYProperty().add(a.get()[1]));
        curve.endXProperty().bind(to.layoutXProperty().add(b.get()[0]));
        curve.endYProperty().bind(to.layoutYProperty().add(b.get()[1]));
        bendControls(curve);
        curve.setUserData(edge);
        curve.getProperties().put(FROM_VIEW, from);
        curve.getProperties().put(TO_VIEW, to);
        curve.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                model.disconnect(edge);
                e.consume();
            }
        });
        LazyTooltip.install(curve, () -> edge + "\nDouble-click to remove; drag its input end to move it");
        return Optional.of(curve);
    }

    /** Control points pulled horizontally out of both ends: the smooth S-curve of node editors. */
    private static void bendControls(CubicCurve c) {
        var dx = c.endXProperty().subtract(c.startXProperty());
        var pull = javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(40, Math.abs(dx.get()) * 0.5), dx);
        c.controlX1Property().bind(c.startXProperty().add(pull));
        c.controlY1Property().bind(c.startYProperty());
        c.controlX2Property().bind(c.endXProperty().subtract(pull));
        c.controlY2Property().bind(c.endYProperty());
    }

    private void showIssues(List<ValidationIssue> issues) {
        Map<NodeId, List<ValidationIssue>> byNode = new HashMap<>();
        for (ValidationIssue i : issues) {
            if (i.node() != null) {
                byNode.computeIfAbsent(i.node(), k -> new java.util.ArrayList<>()).add(i);
            }
        }
        nodeViews.forEach((id, view) -> view.showIssues(byNode.getOrDefault(id, List.of())));
    }

    /**
     * Shows a run's node states on the nodes and, on each wire, how many items came out of its source fine.
     * An empty map clears the run display (the workflow is shown as edited).
     */
    public void showRun(Map<NodeId, dev.flowlens.app.run.NodeRunState> states) {
        runStates = states;
        nodeViews.forEach((id, view) -> view.showRun(states.get(id)));
        wireCounts.forEach((edge, text) -> {
            dev.flowlens.app.run.NodeRunState from = states.get(edge.from().node());
            boolean done = from != null && from.result() != null
                    && (from.state() == dev.flowlens.runtime.api.NodeState.SUCCEEDED
                    || from.state() == dev.flowlens.runtime.api.NodeState.CACHED);
            text.setText(done ? String.valueOf(from.okItems()) : "");
            boolean shown = text.getParent() != null;
            if (done && !shown) {
                wireLayer.getChildren().add(text);
            } else if (!done && shown) {
                wireLayer.getChildren().remove(text);
            }
        });
    }

    /** The item count drawn on a wire ("" before its source finished). */
    public String wireCount(Edge edge) {
        javafx.scene.text.Text t = wireCounts.get(edge);
        return t == null ? "" : t.getText();
    }

    private void showSelection(Set<NodeId> selection) {
        nodeViews.forEach((id, view) -> view.setSelected(selection.contains(id)));
    }

    @Override
    protected void layoutChildren() {
        double margin = 12;
        minimap.resizeRelocate(getWidth() - Minimap.WIDTH - margin, getHeight() - Minimap.HEIGHT - margin,
                Minimap.WIDTH, Minimap.HEIGHT);
        emptyHint.autosize();
        emptyHint.relocate((getWidth() - emptyHint.getWidth()) / 2, (getHeight() - emptyHint.getHeight()) / 2);
    }

    // ------------------------------------------------------------------ viewport

    public ReadOnlyDoubleProperty zoomLevelProperty() {
        return zoomLevel.getReadOnlyProperty();
    }

    public double getZoom() {
        return zoom.getX();
    }

    /** A point of this view (screen pixels inside the canvas) in canvas units. */
    public Point2D toCanvas(double viewX, double viewY) {
        return new Point2D((viewX - pan.getX()) / zoom.getX(), (viewY - pan.getY()) / zoom.getY());
    }

    /** A canvas point in this view's coordinates. */
    public Point2D toView(double canvasX, double canvasY) {
        return new Point2D(canvasX * zoom.getX() + pan.getX(), canvasY * zoom.getY() + pan.getY());
    }

    private Point2D eventToCanvas(MouseEvent e) {
        Point2D local = sceneToLocal(e.getSceneX(), e.getSceneY());
        return toCanvas(local.getX(), local.getY());
    }

    /** Zooms by {@code factor}, keeping the canvas point under (viewX, viewY) where it is. */
    public void zoomAt(double factor, double viewX, double viewY) {
        double z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom.getX() * factor));
        if (!zooming) {
            // While the wheel turns, scale the cached node bitmaps instead of redrawing every card each step.
            zooming = true;
            nodeLayer.getChildren().forEach(n -> n.setCacheHint(CacheHint.SCALE));
        }
        zoomSettles.playFromStart();
        Point2D anchor = toCanvas(viewX, viewY);
        zoom.setX(z);
        zoom.setY(z);
        pan.setX(viewX - anchor.getX() * z);
        pan.setY(viewY - anchor.getY() * z);
        zoomLevel.set(z);
    }

    public void zoomIn() {
        zoomAt(1.2, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoomAt(1 / 1.2, getWidth() / 2, getHeight() / 2);
    }

    public void panBy(double dx, double dy) {
        pan.setX(pan.getX() + dx);
        pan.setY(pan.getY() + dy);
    }

    /** Zooms and pans so that every node is visible (at most 100%). */
    public void fitToView() {
        Workflow w = model.getWorkflow();
        if (w.nodes().isEmpty() || getWidth() <= 0) {
            zoom.setX(1);
            zoom.setY(1);
            pan.setX(0);
            pan.setY(0);
            zoomLevel.set(1);
            return;
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (NodeInstance n : w.nodes()) {
            double h = NodeGeometry.height(model.specOf(n).orElse(null));
            minX = Math.min(minX, n.position().x());
            minY = Math.min(minY, n.position().y());
            maxX = Math.max(maxX, n.position().x() + NodeGeometry.WIDTH);
            maxY = Math.max(maxY, n.position().y() + h);
        }
        for (Frame f : w.canvas().frames()) {
            minX = Math.min(minX, f.x());
            minY = Math.min(minY, f.y());
            maxX = Math.max(maxX, f.x() + f.width());
            maxY = Math.max(maxY, f.y() + f.height());
        }
        double margin = 40;
        double z = Math.min(1, Math.min((getWidth() - 2 * margin) / (maxX - minX), (getHeight() - 2 * margin) / (maxY - minY)));
        z = Math.max(MIN_ZOOM, z);
        zoom.setX(z);
        zoom.setY(z);
        pan.setX((getWidth() - (maxX - minX) * z) / 2 - minX * z);
        pan.setY((getHeight() - (maxY - minY) * z) / 2 - minY * z);
        zoomLevel.set(z);
    }

    private void centerOn(NodeId id) {
        model.getWorkflow().node(id).ifPresent(n -> {
            CanvasViewModel.Box b = model.boxOf(n);
            centreOn(b.centerX(), b.centerY());
        });
    }

    /** Pans so that this canvas point is in the middle of the view; the zoom stays. */
    public void centreOn(double canvasX, double canvasY) {
        pan.setX(getWidth() / 2 - canvasX * zoom.getX());
        pan.setY(getHeight() / 2 - canvasY * zoom.getY());
    }

    /** Shows or hides the minimap (View → Minimap); even when on, it stays out of the way of small graphs. */
    public BooleanProperty minimapEnabledProperty() {
        return minimapEnabled;
    }

    public Minimap minimap() {
        return minimap;
    }

    public Map<String, FrameView> frameViews() {
        return frameViews;
    }

    /** Opens the inline title editor of a frame (after Group in Frame, or on double-click). */
    public void editFrameTitle(String id) {
        FrameView view = frameViews.get(id);
        if (view != null) {
            view.editTitle(title -> model.renameFrame(id, title));
        }
    }

    /** The middle of what is visible, in canvas units: where keyboard-added and pasted things go. */
    public Position visibleCenter() {
        Point2D c = toCanvas(getWidth() / 2, getHeight() / 2);
        return new Position(c.getX() - NodeGeometry.WIDTH / 2, c.getY() - 40);
    }

    /** Space held turns a primary-button drag into a pan; the window forwards the key state. */
    public void setSpaceDown(boolean down) {
        spaceDown = down;
    }

    public Map<NodeId, NodeView> nodeViews() {
        return nodeViews;
    }

    public Map<Edge, CubicCurve> wires() {
        return wires;
    }

    // ------------------------------------------------------------------ gestures

    private void installGestures() {
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            if (e.getButton() == MouseButton.MIDDLE || e.getButton() == MouseButton.PRIMARY && spaceDown) {
                panStart = new Point2D(e.getX(), e.getY());
                e.consume();
            } else if (e.getButton() == MouseButton.PRIMARY && !e.isConsumed()) {
                bandStart = sceneToLocal(e.getSceneX(), e.getSceneY());
                rubberBand.setX(bandStart.getX());
                rubberBand.setY(bandStart.getY());
                rubberBand.setWidth(0);
                rubberBand.setHeight(0);
            }
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (panStart != null) {
                panBy(e.getX() - panStart.getX(), e.getY() - panStart.getY());
                panStart = new Point2D(e.getX(), e.getY());
            } else if (bandStart != null) {
                Point2D p = sceneToLocal(e.getSceneX(), e.getSceneY());
                rubberBand.setVisible(true);
                rubberBand.setX(Math.min(p.getX(), bandStart.getX()));
                rubberBand.setY(Math.min(p.getY(), bandStart.getY()));
                rubberBand.setWidth(Math.abs(p.getX() - bandStart.getX()));
                rubberBand.setHeight(Math.abs(p.getY() - bandStart.getY()));
            }
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (panStart != null) {
                panStart = null;
            } else if (bandStart != null) {
                finishRubberBand(e.isShiftDown());
                bandStart = null;
            }
        });
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !e.isConsumed()) {
                Point2D at = eventToCanvas(e);
                searchPopup.show(this, e.getScreenX(), e.getScreenY(), model.catalog().specs(),
                        spec -> model.addNode(spec, new Position(at.getX(), at.getY())));
                e.consume();
            }
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) {
                Point2D p = sceneToLocal(e.getSceneX(), e.getSceneY());
                zoomAt(e.getDeltaY() > 0 ? 1.1 : 1 / 1.1, p.getX(), p.getY());
                e.consume();
            }
        });
        // A palette entry dropped here: the gesture source carries the spec as user data.
        addEventHandler(MouseDragEvent.MOUSE_DRAG_RELEASED, e -> {
            if (e.getGestureSource() instanceof Node source && source.getUserData() instanceof NodeSpec spec) {
                Point2D at = eventToCanvas(e);
                model.addNode(spec, new Position(at.getX() - NodeGeometry.WIDTH / 2, at.getY() - NodeGeometry.HEADER / 2));
                e.consume();
            }
        });
    }

    private void finishRubberBand(boolean add) {
        boolean dragged = rubberBand.isVisible() && (rubberBand.getWidth() > 3 || rubberBand.getHeight() > 3);
        rubberBand.setVisible(false);
        if (!dragged) {
            if (!add) {
                model.clearSelection();
            }
            return;
        }
        Point2D a = toCanvas(rubberBand.getX(), rubberBand.getY());
        Point2D b = toCanvas(rubberBand.getX() + rubberBand.getWidth(), rubberBand.getY() + rubberBand.getHeight());
        Set<NodeId> hit = new HashSet<>(add ? model.getSelection() : Set.of());
        for (NodeInstance n : model.getWorkflow().nodes()) {
            double h = NodeGeometry.height(model.specOf(n).orElse(null));
            boolean overlaps = n.position().x() < b.getX() && n.position().x() + NodeGeometry.WIDTH > a.getX()
                    && n.position().y() < b.getY() && n.position().y() + h > a.getY();
            if (overlaps) {
                hit.add(n.id());
            }
        }
        model.select(hit);
    }

    private void installNodeGestures(NodeView view) {
        NodeId id = view.node().id();
        view.setOnMousePressed(e -> {
            requestFocus();
            if (e.getButton() != MouseButton.PRIMARY || spaceDown) {
                return;
            }
            if (e.isShiftDown()) {
                model.toggleSelected(id);
            } else if (!model.getSelection().contains(id)) {
                model.selectOnly(id);
            }
            moveStart = eventToCanvas(e);
            moveOrigins.clear();
            for (NodeId sel : model.getSelection()) {
                NodeView v = nodeViews.get(sel);
                if (v != null) {
                    moveOrigins.put(sel, new Point2D(v.getLayoutX(), v.getLayoutY()));
                }
            }
            e.consume();
        });
        view.setOnMouseDragged(e -> {
            if (moveStart == null) {
                return;
            }
            Point2D p = eventToCanvas(e);
            double dx = p.getX() - moveStart.getX();
            double dy = p.getY() - moveStart.getY();
            moveOrigins.forEach((nid, origin) -> {
                NodeView v = nodeViews.get(nid);
                if (v != null) {
                    v.relocate(origin.getX() + dx, origin.getY() + dy);
                }
            });
            e.consume();
        });
        view.setOnMouseReleased(e -> {
            if (moveStart == null) {
                return;
            }
            Point2D p = eventToCanvas(e);
            double dx = p.getX() - moveStart.getX();
            double dy = p.getY() - moveStart.getY();
            Set<NodeId> moved = Set.copyOf(moveOrigins.keySet());
            moveStart = null;
            moveOrigins.clear();
            if (Math.abs(dx) > 0.5 || Math.abs(dy) > 0.5) {
                model.move(moved, dx, dy);
            }
            e.consume();
        });
        view.setOnMouseClicked(e -> e.consume());
        view.outputPorts().forEach((port, circle) ->
                installWireGestures(circle, () -> Optional.of(new PortRef(id, port))));
        view.inputPorts().forEach((port, circle) -> installWireGestures(circle, () -> {
            PortRef input = new PortRef(id, port);
            List<Edge> into = model.getWorkflow().edgesInto(input);
            if (into.isEmpty()) {
                return Optional.empty();
            }
            pickedUp = into.get(0);
            return Optional.of(into.get(0).from());
        }));
    }

    /**
     * A frame moves by its title bar (taking the nodes inside along), is renamed by double-clicking the title
     * and resized by its corner; each gesture is one edit when the mouse is released.
     */
    private void installFrameGestures(FrameView view) {
        Region bar = view.titleBar();
        bar.setOnMousePressed(e -> {
            if (e.getButton() == MouseButton.SECONDARY && !view.isEditingTitle()) {
                model.selectFrame(view.frame().id());
                frameMenu(view).show(bar, e.getScreenX(), e.getScreenY());
                e.consume();
                return;
            }
            if (e.getButton() != MouseButton.PRIMARY || spaceDown || view.isEditingTitle()) {
                return;
            }
            requestFocus();
            String id = view.frame().id();
            model.selectFrame(id);
            frameMoveStart = eventToCanvas(e);
            frameMoveNodeOrigins.clear();
            for (NodeId n : model.nodesIn(view.frame())) {
                NodeView v = nodeViews.get(n);
                frameMoveNodeOrigins.put(n, new Point2D(v.getLayoutX(), v.getLayoutY()));
            }
            frameMoveNested.clear();
            model.framesIn(view.frame()).forEach(f -> frameMoveNested.add(frameViews.get(f)));
            e.consume();
        });
        bar.setOnMouseDragged(e -> {
            if (frameMoveStart == null) {
                return;
            }
            Point2D p = eventToCanvas(e);
            double dx = p.getX() - frameMoveStart.getX();
            double dy = p.getY() - frameMoveStart.getY();
            view.relocate(view.frame().x() + dx, view.frame().y() + dy);
            frameMoveNested.forEach(f -> f.relocate(f.frame().x() + dx, f.frame().y() + dy));
            frameMoveNodeOrigins.forEach((n, origin) -> nodeViews.get(n).relocate(origin.getX() + dx, origin.getY() + dy));
            e.consume();
        });
        bar.setOnMouseReleased(e -> {
            if (frameMoveStart == null) {
                return;
            }
            Point2D p = eventToCanvas(e);
            double dx = p.getX() - frameMoveStart.getX();
            double dy = p.getY() - frameMoveStart.getY();
            frameMoveStart = null;
            frameMoveNodeOrigins.clear();
            frameMoveNested.clear();
            if (Math.abs(dx) > 0.5 || Math.abs(dy) > 0.5) {
                model.moveFrame(view.frame().id(), dx, dy);
            } else {
                render(model.getWorkflow());
            }
            e.consume();
        });
        bar.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                editFrameTitle(view.frame().id());
            }
            e.consume();
        });
        Region handle = view.resizeHandle();
        handle.setOnMousePressed(e -> {
            if (e.getButton() != MouseButton.PRIMARY || spaceDown) {
                return;
            }
            requestFocus();
            model.selectFrame(view.frame().id());
            frameResizeStart = eventToCanvas(e);
            e.consume();
        });
        handle.setOnMouseDragged(e -> {
            if (frameResizeStart != null) {
                Point2D p = eventToCanvas(e);
                view.setSize(Math.max(CanvasViewModel.FRAME_MIN_WIDTH, view.frame().width() + p.getX() - frameResizeStart.getX()),
                        Math.max(CanvasViewModel.FRAME_MIN_HEIGHT, view.frame().height() + p.getY() - frameResizeStart.getY()));
            }
            e.consume();
        });
        handle.setOnMouseReleased(e -> {
            if (frameResizeStart == null) {
                return;
            }
            Point2D p = eventToCanvas(e);
            double dw = p.getX() - frameResizeStart.getX();
            double dh = p.getY() - frameResizeStart.getY();
            frameResizeStart = null;
            if (Math.abs(dw) > 0.5 || Math.abs(dh) > 0.5) {
                model.resizeFrame(view.frame().id(), view.frame().width() + dw, view.frame().height() + dh);
            } else {
                view.show(view.frame());
            }
            e.consume();
        });
        handle.setOnMouseClicked(MouseEvent::consume);
    }

    /** The colours offered for frames, by name; the file stores the hex value. */
    public static final Map<String, String> FRAME_COLORS = frameColors();

    private static Map<String, String> frameColors() {
        Map<String, String> colors = new LinkedHashMap<>();
        colors.put("Blue", "#0969da");
        colors.put("Green", "#1a7f37");
        colors.put("Yellow", "#bf8700");
        colors.put("Orange", "#bc4c00");
        colors.put("Red", "#cf222e");
        colors.put("Purple", "#8250df");
        return java.util.Collections.unmodifiableMap(colors);
    }

    /** Right-click on a frame's title: rename, colour, delete. */
    private javafx.scene.control.ContextMenu frameMenu(FrameView view) {
        String id = view.frame().id();
        javafx.scene.control.MenuItem rename = new javafx.scene.control.MenuItem("Rename");
        rename.setOnAction(e -> editFrameTitle(id));
        javafx.scene.control.Menu colour = new javafx.scene.control.Menu("Colour");
        javafx.scene.control.MenuItem standard = new javafx.scene.control.MenuItem("Theme colour");
        standard.setOnAction(e -> model.colorFrame(id, null));
        colour.getItems().add(standard);
        FRAME_COLORS.forEach((name, hex) -> {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(name);
            item.setId("frame-colour-" + name.toLowerCase(java.util.Locale.ROOT));
            item.setOnAction(e -> model.colorFrame(id, hex));
            colour.getItems().add(item);
        });
        javafx.scene.control.MenuItem delete = new javafx.scene.control.MenuItem("Delete Frame (keep its nodes)");
        delete.setOnAction(e -> model.deleteFrame(id));
        return new javafx.scene.control.ContextMenu(rename, colour, new javafx.scene.control.SeparatorMenuItem(), delete);
    }

    /**
     * Wiring gestures on a port circle. From an output a new wire starts; from a wired input the wire is picked
     * up (removed) and can be dropped on another input, as in other node editors.
     */
    private void installWireGestures(Circle circle, java.util.function.Supplier<Optional<PortRef>> sourceOnPress) {
        circle.setOnMousePressed(e -> {
            if (e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            Optional<PortRef> source = sourceOnPress.get();
            if (source.isEmpty()) {
                return;
            }
            PortRef from = source.get();
            NodeView view = nodeViews.get(from.node());
            Optional<double[]> start = NodeGeometry.outputOffset(view.spec(), from.port());
            if (start.isEmpty()) {
                return;
            }
            wireFrom = from;
            Set<PortRef> compatible = model.compatibleInputs(from);
            nodeViews.values().forEach(v -> v.markCompatible(compatible, true));
            draggedWire = new CubicCurve();
            draggedWire.getStyleClass().addAll("wire", "dragging");
            view.spec().output(from.port()).ifPresent(o -> draggedWire.getStyleClass().addAll(PortStyles.classesOf(o.type())));
            draggedWire.setMouseTransparent(true);
            double sx = view.getLayoutX() + start.get()[0];
            double sy = view.getLayoutY() + start.get()[1];
            Point2D p = eventToCanvas(e);
            draggedWire.setStartX(sx);
            draggedWire.setStartY(sy);
            draggedWire.setEndX(p.getX());
            draggedWire.setEndY(p.getY());
            bendControls(draggedWire);
            dragLayer.getChildren().setAll(draggedWire);
            e.consume();
        });
        circle.setOnMouseDragged(e -> {
            if (draggedWire != null) {
                Point2D p = eventToCanvas(e);
                draggedWire.setEndX(p.getX());
                draggedWire.setEndY(p.getY());
            }
            e.consume();
        });
        circle.setOnMouseReleased(e -> {
            if (wireFrom == null) {
                return;
            }
            PortRef source = wireFrom;
            Edge moved = pickedUp;
            wireFrom = null;
            pickedUp = null;
            draggedWire = null;
            dragLayer.getChildren().clear();
            nodeViews.values().forEach(v -> v.markCompatible(Set.of(), false));
            Point2D p = eventToCanvas(e);
            Optional<PortRef> target = NodeGeometry.inputAt(model.getWorkflow(), model.catalog(), p.getX(), p.getY());
            if (moved != null) {
                if (target.isPresent()) {
                    model.moveWire(moved, target.get());
                } else {
                    model.disconnect(moved);
                }
            } else if (target.isPresent()) {
                model.connect(source, target.get());
            } else if (!overAnyNode(p)) {
                // Dropped on empty canvas: offer the node types that can take this output, and wire the new one.
                List<NodeSpec> candidates = model.specsAccepting(source);
                searchPopup.show(this, e.getScreenX(), e.getScreenY(), candidates,
                        spec -> model.addNodeWiredFrom(source, spec, new Position(p.getX(), p.getY() - NodeGeometry.HEADER)));
            }
            e.consume();
        });
        circle.setOnMouseClicked(MouseEvent::consume);
    }

    private boolean overAnyNode(Point2D p) {
        for (NodeInstance n : model.getWorkflow().nodes()) {
            if (NodeGeometry.contains(n, model.specOf(n).orElse(null), p.getX(), p.getY())) {
                return true;
            }
        }
        return false;
    }

    /** The on-screen bounds of an input port, for tests and tooltips. */
    public Optional<Bounds> inputPortBounds(PortRef port) {
        return Optional.ofNullable(nodeViews.get(port.node()))
                .map(v -> v.inputPorts().get(port.port()))
                .map(c -> c.localToScreen(c.getBoundsInLocal()));
    }

    /** Runs {@code action} for a node search at the view's centre (the Add Node command). */
    public void showNodeSearch(Consumer<NodeSpec> action) {
        Point2D screen = localToScreen(getWidth() / 2 - 150, getHeight() / 3);
        if (screen != null) {
            searchPopup.show(this, screen.getX(), screen.getY(), model.catalog().specs(), action);
        }
    }
}
