package dev.flowlens.app.canvas;

import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.json.WorkflowFormatException;
import dev.flowlens.core.model.Canvas;
import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.Frame;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.PortRef;
import dev.flowlens.core.model.Position;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.type.Compatibility;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.core.validation.WorkflowValidator;
import dev.flowlens.runtime.api.FlowLens;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The canvas's state and commands: the workflow being edited (an immutable graph-core record), the
 * selection, the validation issues, and an undo/redo stack of {@link Edit edits}. Views render it and call
 * its commands; nothing here knows a node type by id, everything comes from the catalog's specs.
 */
public final class CanvasViewModel {
    /** How far pasted and duplicated nodes land from their originals, in canvas units. */
    public static final double PASTE_OFFSET = 40;

    /** One undoable edit: the workflow before and after. Workflows are immutable, so this is cheap and exact. */
    public record Edit(String label, Workflow before, Workflow after) {
    }

    /** The answer to a wiring attempt: the wire made, or the reason it was refused. */
    public record WireResult(Optional<Edge> edge, String message) {
        public boolean connected() {
            return edge.isPresent();
        }
    }

    private final FlowLens runtime;
    private final NodeCatalog catalog;
    private final ReadOnlyObjectWrapper<Workflow> workflow = new ReadOnlyObjectWrapper<>(this, "workflow");
    private final ReadOnlyObjectWrapper<Set<NodeId>> selection = new ReadOnlyObjectWrapper<>(this, "selection", Set.of());
    private final ReadOnlyObjectWrapper<List<ValidationIssue>> issues = new ReadOnlyObjectWrapper<>(this, "issues", List.of());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper statusIsError = new ReadOnlyBooleanWrapper(this, "statusIsError");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyObjectWrapper<NodeId> revealRequest = new ReadOnlyObjectWrapper<>(this, "revealRequest");
    private final ReadOnlyObjectWrapper<String> selectedFrame = new ReadOnlyObjectWrapper<>(this, "selectedFrame");
    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();

    public CanvasViewModel(FlowLens runtime, Workflow initial) {
        this.runtime = runtime;
        this.catalog = runtime.catalog();
        // Nodes and a frame are never selected together: Delete and the arrows act on one or the other.
        selection.addListener((obs, old, now) -> {
            if (!now.isEmpty()) {
                selectedFrame.set(null);
            }
        });
        show(initial);
    }

    // ------------------------------------------------------------------ state

    public ReadOnlyObjectProperty<Workflow> workflowProperty() {
        return workflow.getReadOnlyProperty();
    }

    public Workflow getWorkflow() {
        return workflow.get();
    }

    public ReadOnlyObjectProperty<Set<NodeId>> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public Set<NodeId> getSelection() {
        return selection.get();
    }

    public ReadOnlyObjectProperty<List<ValidationIssue>> issuesProperty() {
        return issues.getReadOnlyProperty();
    }

    public List<ValidationIssue> getIssues() {
        return issues.get();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public String getStatus() {
        return status.get();
    }

    public ReadOnlyBooleanProperty statusIsErrorProperty() {
        return statusIsError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** The node the view should scroll to (set by Problems clicks and Find); the view centres on it. */
    public ReadOnlyObjectProperty<NodeId> revealRequestProperty() {
        return revealRequest.getReadOnlyProperty();
    }

    /** The id of the selected frame, or null; selecting a frame clears the node selection and the other way round. */
    public ReadOnlyObjectProperty<String> selectedFrameProperty() {
        return selectedFrame.getReadOnlyProperty();
    }

    public String getSelectedFrame() {
        return selectedFrame.get();
    }

    public NodeCatalog catalog() {
        return catalog;
    }

    public Optional<NodeSpec> specOf(NodeInstance node) {
        return catalog.find(node.type());
    }

    public Optional<NodeSpec> specOf(NodeId id) {
        return getWorkflow().node(id).flatMap(this::specOf);
    }

    public List<ValidationIssue> issuesFor(NodeId id) {
        return getIssues().stream().filter(i -> id.equals(i.node())).toList();
    }

    /** The label users read: "Resize (node resize2)". */
    public String labelOf(NodeInstance node) {
        return WorkflowValidator.labelOf(node, specOf(node).orElse(null));
    }

    public String shortNameOf(NodeInstance node) {
        return WorkflowValidator.shortName(node, specOf(node).orElse(null));
    }

    public void info(String message) {
        status.set(message);
        statusIsError.set(false);
    }

    public void error(String message) {
        status.set(message);
        statusIsError.set(true);
    }

    // ------------------------------------------------------------------ document

    /** Shows another workflow (New, Open): forgets the undo history and the selection. */
    public void reset(Workflow next) {
        undo.clear();
        redo.clear();
        selection.set(Set.of());
        selectedFrame.set(null);
        show(next);
    }

    /** Applies an edit; edits that change nothing are not recorded. */
    public void apply(String label, Workflow after) {
        Workflow before = getWorkflow();
        if (after.equals(before)) {
            return;
        }
        undo.push(new Edit(label, before, after));
        redo.clear();
        show(after);
    }

    public void undo() {
        if (undo.isEmpty()) {
            info("Nothing to undo");
            return;
        }
        Edit edit = undo.pop();
        redo.push(edit);
        show(edit.before());
        keepExistingSelection();
        info("Undid " + edit.label());
    }

    public void redo() {
        if (redo.isEmpty()) {
            info("Nothing to redo");
            return;
        }
        Edit edit = redo.pop();
        undo.push(edit);
        show(edit.after());
        keepExistingSelection();
        info("Redid " + edit.label());
    }

    private void show(Workflow next) {
        workflow.set(next);
        issues.set(runtime.validate(next));
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
    }

    private void keepExistingSelection() {
        Set<NodeId> kept = new LinkedHashSet<>();
        for (NodeId id : getSelection()) {
            if (getWorkflow().node(id).isPresent()) {
                kept.add(id);
            }
        }
        selection.set(Set.copyOf(kept));
        if (getSelectedFrame() != null && frame(getSelectedFrame()).isEmpty()) {
            selectedFrame.set(null);
        }
    }

    // ------------------------------------------------------------------ nodes

    /** Adds a node of this type at the position; parameters start at their spec defaults (not written). */
    public NodeId addNode(NodeSpec spec, Position at) {
        Workflow w = getWorkflow();
        String stem = spec.typeId().substring(spec.typeId().lastIndexOf('.') + 1);
        NodeId id = w.freshNodeId(stem);
        NodeInstance node = new NodeInstance(id, spec.typeId(), "", Map.of(), at);
        apply("add " + spec.displayName(), w.withNode(node));
        selection.set(Set.of(id));
        info("Added " + labelOf(node));
        return id;
    }

    public void move(Set<NodeId> ids, double dx, double dy) {
        if (ids.isEmpty() || dx == 0 && dy == 0) {
            return;
        }
        Workflow w = getWorkflow();
        for (NodeId id : ids) {
            Optional<NodeInstance> node = w.node(id);
            if (node.isPresent()) {
                w = w.withNode(node.get().withPosition(node.get().position().plus(dx, dy)));
            }
        }
        apply(ids.size() == 1 ? "move" : "move " + ids.size() + " nodes", w);
    }

    /** Moves the selected nodes, or the selected frame with its nodes (the arrow keys). */
    public void moveSelection(double dx, double dy) {
        if (getSelection().isEmpty() && getSelectedFrame() != null) {
            moveFrame(getSelectedFrame(), dx, dy);
            return;
        }
        move(getSelection(), dx, dy);
    }

    /** Deletes the selected nodes, or the selected frame (its nodes stay). */
    public void deleteSelection() {
        Set<NodeId> ids = getSelection();
        if (ids.isEmpty() && getSelectedFrame() != null) {
            deleteFrame(getSelectedFrame());
            return;
        }
        if (ids.isEmpty()) {
            info("Select nodes to delete");
            return;
        }
        Workflow w = getWorkflow();
        for (NodeId id : ids) {
            w = w.withoutNode(id);
        }
        apply("delete " + ids.size() + (ids.size() == 1 ? " node" : " nodes"), w);
        selection.set(Set.of());
        info("Deleted " + ids.size() + (ids.size() == 1 ? " node" : " nodes"));
    }

    public void setParam(NodeId id, String name, ParamValue value) {
        getWorkflow().node(id).ifPresent(n -> apply("change " + name, getWorkflow().withNode(n.withParam(name, value))));
    }

    /** Removes the stored value, so the spec's default applies again. */
    public void resetParam(NodeId id, String name) {
        getWorkflow().node(id).ifPresent(n -> apply("reset " + name, getWorkflow().withNode(n.withoutParam(name))));
    }

    public void setTitle(NodeId id, String title) {
        getWorkflow().node(id).ifPresent(n -> apply("rename", getWorkflow().withNode(n.withTitle(title.strip()))));
    }


    // ------------------------------------------------------------------ arrange

    /** A node's card on the canvas, in canvas units; what aligning, frames and the minimap measure. */
    public record Box(double x, double y, double width, double height) {
        public double centerX() {
            return x + width / 2;
        }

        public double centerY() {
            return y + height / 2;
        }
    }

    public Box boxOf(NodeInstance node) {
        return new Box(node.position().x(), node.position().y(), NodeGeometry.WIDTH,
                NodeGeometry.height(specOf(node).orElse(null)));
    }

    /**
     * Lines up the selected nodes (on the outermost one's edge, or on the centre of their bounds) or spreads
     * them with equal gaps between the outer two, as one undoable edit.
     */
    public void align(Alignment how) {
        Workflow w = getWorkflow();
        List<NodeInstance> nodes = w.nodes().stream().filter(n -> getSelection().contains(n.id())).toList();
        if (nodes.size() < how.minimumNodes()) {
            error("Select at least " + how.minimumNodes() + " nodes to " + how.editLabel());
            return;
        }
        Map<NodeId, Box> boxes = new HashMap<>();
        nodes.forEach(n -> boxes.put(n.id(), boxOf(n)));
        double left = boxes.values().stream().mapToDouble(Box::x).min().orElseThrow();
        double top = boxes.values().stream().mapToDouble(Box::y).min().orElseThrow();
        double right = boxes.values().stream().mapToDouble(b -> b.x() + b.width()).max().orElseThrow();
        double bottom = boxes.values().stream().mapToDouble(b -> b.y() + b.height()).max().orElseThrow();
        Map<NodeId, Position> target = new HashMap<>();
        switch (how) {
            case LEFT -> boxes.forEach((id, b) -> target.put(id, new Position(left, b.y())));
            case RIGHT -> boxes.forEach((id, b) -> target.put(id, new Position(right - b.width(), b.y())));
            case TOP -> boxes.forEach((id, b) -> target.put(id, new Position(b.x(), top)));
            case BOTTOM -> boxes.forEach((id, b) -> target.put(id, new Position(b.x(), bottom - b.height())));
            case CENTRES_HORIZONTALLY -> boxes.forEach((id, b) ->
                    target.put(id, new Position((left + right) / 2 - b.width() / 2, b.y())));
            case CENTRES_VERTICALLY -> boxes.forEach((id, b) ->
                    target.put(id, new Position(b.x(), (top + bottom) / 2 - b.height() / 2)));
            case DISTRIBUTE_HORIZONTALLY -> distribute(nodes, boxes, target, true);
            case DISTRIBUTE_VERTICALLY -> distribute(nodes, boxes, target, false);
        }
        for (NodeInstance n : nodes) {
            w = w.withNode(n.withPosition(target.get(n.id())));
        }
        apply(how.editLabel(), w);
        info(Character.toUpperCase(how.editLabel().charAt(0)) + how.editLabel().substring(1) + ": " + nodes.size() + " nodes");
    }

    /** Keeps the first and last node (by position) and gives the ones between equal gaps. */
    private static void distribute(List<NodeInstance> nodes, Map<NodeId, Box> boxes, Map<NodeId, Position> target,
                                   boolean horizontally) {
        List<NodeInstance> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparingDouble(n -> horizontally ? boxes.get(n.id()).x() : boxes.get(n.id()).y()));
        Box first = boxes.get(sorted.get(0).id());
        Box last = boxes.get(sorted.get(sorted.size() - 1).id());
        double span = horizontally ? last.x() + last.width() - first.x() : last.y() + last.height() - first.y();
        double sizes = sorted.stream().mapToDouble(n -> horizontally ? boxes.get(n.id()).width() : boxes.get(n.id()).height()).sum();
        double gap = (span - sizes) / (sorted.size() - 1);
        double at = horizontally ? first.x() : first.y();
        for (NodeInstance n : sorted) {
            Box b = boxes.get(n.id());
            target.put(n.id(), horizontally ? new Position(at, b.y()) : new Position(b.x(), at));
            at += (horizontally ? b.width() : b.height()) + gap;
        }
    }

    // ------------------------------------------------------------------ frames

    /** Room around the nodes of a new frame, and above them for its title, in canvas units. */
    public static final double FRAME_PADDING = 24;
    public static final double FRAME_TITLE_HEIGHT = 34;
    public static final double FRAME_MIN_WIDTH = 120;
    public static final double FRAME_MIN_HEIGHT = 70;

    public Optional<Frame> frame(String id) {
        return getWorkflow().canvas().frames().stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The nodes a frame carries when it moves: those whose centre lies inside it. */
    public Set<NodeId> nodesIn(Frame frame) {
        Set<NodeId> inside = new LinkedHashSet<>();
        for (NodeInstance n : getWorkflow().nodes()) {
            Box b = boxOf(n);
            if (frame.contains(new Position(b.centerX(), b.centerY()))) {
                inside.add(n.id());
            }
        }
        return inside;
    }

    /**
     * Puts a titled frame behind the selected nodes (Arrange → Group in Frame) and selects it; empty, with a
     * message, when nothing is selected.
     */
    public Optional<String> frameSelection(String title) {
        List<NodeInstance> nodes = getWorkflow().nodes().stream().filter(n -> getSelection().contains(n.id())).toList();
        if (nodes.isEmpty()) {
            error("Select the nodes to put in a frame");
            return Optional.empty();
        }
        double left = Double.MAX_VALUE;
        double top = Double.MAX_VALUE;
        double right = -Double.MAX_VALUE;
        double bottom = -Double.MAX_VALUE;
        for (NodeInstance n : nodes) {
            Box b = boxOf(n);
            left = Math.min(left, b.x());
            top = Math.min(top, b.y());
            right = Math.max(right, b.x() + b.width());
            bottom = Math.max(bottom, b.y() + b.height());
        }
        List<Frame> frames = getWorkflow().canvas().frames();
        Set<String> taken = new HashSet<>();
        frames.forEach(f -> taken.add(f.id()));
        int n = 1;
        while (taken.contains("frame" + n)) {
            n++;
        }
        String id = "frame" + n;
        Frame frame = new Frame(id, title, left - FRAME_PADDING, top - FRAME_PADDING - FRAME_TITLE_HEIGHT,
                right - left + 2 * FRAME_PADDING, bottom - top + 2 * FRAME_PADDING + FRAME_TITLE_HEIGHT, null);
        List<Frame> next = new ArrayList<>(frames);
        next.add(frame);
        apply("group " + nodes.size() + (nodes.size() == 1 ? " node" : " nodes") + " in a frame", withFrames(next));
        selectFrame(id);
        info("Framed " + nodes.size() + (nodes.size() == 1 ? " node" : " nodes") + " in \"" + title + "\"");
        return Optional.of(id);
    }

    public void selectFrame(String id) {
        if (frame(id).isEmpty()) {
            return;
        }
        selection.set(Set.of());
        selectedFrame.set(id);
    }

    /** The other frames lying wholly inside this one: they move with it. */
    public Set<String> framesIn(Frame frame) {
        Set<String> inside = new LinkedHashSet<>();
        for (Frame f : getWorkflow().canvas().frames()) {
            if (!f.id().equals(frame.id()) && frame.contains(new Position(f.x(), f.y()))
                    && frame.contains(new Position(f.x() + f.width(), f.y() + f.height()))) {
                inside.add(f.id());
            }
        }
        return inside;
    }

    /** Moves a frame with the nodes and frames inside it, as one edit. */
    public void moveFrame(String id, double dx, double dy) {
        Optional<Frame> frame = frame(id);
        if (frame.isEmpty() || dx == 0 && dy == 0) {
            return;
        }
        Frame f = frame.get();
        Set<NodeId> inside = nodesIn(f);
        Set<String> nested = framesIn(f);
        Workflow w = withFrames(getWorkflow().canvas().frames().stream()
                .map(x -> x.id().equals(id) || nested.contains(x.id()) ? x.movedBy(dx, dy) : x).toList());
        for (NodeId nodeId : inside) {
            NodeInstance n = w.node(nodeId).orElseThrow();
            w = w.withNode(n.withPosition(n.position().plus(dx, dy)));
        }
        apply("move frame", w);
    }

    /** Gives a frame a new size (its top-left corner stays); never smaller than {@link #FRAME_MIN_WIDTH} by {@link #FRAME_MIN_HEIGHT}. */
    public void resizeFrame(String id, double width, double height) {
        frame(id).ifPresent(f -> apply("resize frame", replaceFrame(
                f.withSize(Math.max(FRAME_MIN_WIDTH, width), Math.max(FRAME_MIN_HEIGHT, height)))));
    }

    public void renameFrame(String id, String title) {
        frame(id).filter(f -> !f.title().equals(title.strip())).ifPresent(f -> {
            apply("rename frame", replaceFrame(f.withTitle(title.strip())));
            info("Renamed the frame to \"" + title.strip() + "\"");
        });
    }

    /** Colours a frame; {@code color} is {@code #rrggbb}, or null for the theme's colour. */
    public void colorFrame(String id, String color) {
        if (color != null && !FRAME_COLOR.matcher(color).matches()) {
            error("A frame colour looks like #1f6feb, got \"" + color + "\"");
            return;
        }
        frame(id).ifPresent(f -> apply("colour frame",
                replaceFrame(f.withColor(color))));
    }

    /** Removes a frame; the nodes inside it stay where they are. */
    public void deleteFrame(String id) {
        frame(id).ifPresent(f -> {
            apply("delete frame", withFrames(getWorkflow().canvas().frames().stream().filter(x -> !x.id().equals(id)).toList()));
            selectedFrame.set(null);
            info("Deleted the frame \"" + f.title() + "\"; its nodes stay");
        });
    }

    /** The colours a frame may carry, as written in the file; anything else is drawn in the theme's colour. */
    public static final java.util.regex.Pattern FRAME_COLOR = java.util.regex.Pattern.compile("#[0-9a-fA-F]{6}");

    private Workflow replaceFrame(Frame changed) {
        return withFrames(getWorkflow().canvas().frames().stream().map(f -> f.id().equals(changed.id()) ? changed : f).toList());
    }

    private Workflow withFrames(List<Frame> frames) {
        Canvas canvas = getWorkflow().canvas();
        return getWorkflow().withCanvas(canvas.withFrames(frames));
    }

    // ------------------------------------------------------------------ wires

    /** Wires an output to an input; refuses incompatible types and cycles with a message for the status bar. */
    public WireResult connect(PortRef from, PortRef to) {
        return connect(getWorkflow(), from, to);
    }

    /**
     * Moves the end of a wire picked up from its input to another input, as one edit; dropping it back where it
     * was changes nothing. A refused drop leaves the wire where it was.
     */
    public WireResult moveWire(Edge wire, PortRef newInput) {
        if (wire.to().equals(newInput)) {
            return new WireResult(Optional.of(wire), "");
        }
        return connect(getWorkflow().withoutEdge(wire), wire.from(), newInput);
    }

    private WireResult connect(Workflow w, PortRef from, PortRef to) {
        Optional<NodeInstance> source = w.node(from.node());
        Optional<NodeInstance> target = w.node(to.node());
        Optional<OutputSpec> out = source.flatMap(this::specOf).flatMap(s -> s.output(from.port()));
        Optional<InputSpec> in = target.flatMap(this::specOf).flatMap(s -> s.input(to.port()));
        if (out.isEmpty() || in.isEmpty()) {
            return refuse("Cannot wire " + from + " to " + to + ": the port is unknown");
        }
        Compatibility compatibility = in.get().type().accepts(out.get().type());
        if (compatibility instanceof Compatibility.Refused refused) {
            return refuse(refused.message(shortNameOf(target.get()) + "." + to.port(),
                    shortNameOf(source.get()) + "." + from.port()));
        }
        if (from.node().equals(to.node()) || reaches(w, to.node(), from.node())) {
            return refuse("Cannot wire " + shortNameOf(source.get()) + "." + from.port() + " to "
                    + shortNameOf(target.get()) + "." + to.port() + ": the wires would form a cycle");
        }
        Edge edge = new Edge(from, to);
        boolean replaces = !w.edgesInto(to).isEmpty();
        apply("connect", w.withEdge(edge));
        String how = compatibility instanceof Compatibility.FanOut ? " (runs once per list element)"
                : compatibility instanceof Compatibility.Wrap ? " (as a list of one)" : "";
        String message = (replaces ? "Replaced the wire into " : "Wired ") + shortNameOf(source.get()) + "." + from.port()
                + " -> " + shortNameOf(target.get()) + "." + to.port() + how;
        info(message);
        return new WireResult(Optional.of(edge), message);
    }

    private WireResult refuse(String message) {
        error(message);
        return new WireResult(Optional.empty(), message);
    }

    public void disconnect(Edge edge) {
        apply("disconnect", getWorkflow().withoutEdge(edge));
        info("Removed the wire " + edge);
    }

    /** The inputs a wire from {@code from} could end in; the canvas lights them up while dragging. */
    public Set<PortRef> compatibleInputs(PortRef from) {
        Workflow w = getWorkflow();
        Optional<OutputSpec> out = w.node(from.node()).flatMap(this::specOf).flatMap(s -> s.output(from.port()));
        if (out.isEmpty()) {
            return Set.of();
        }
        Set<PortRef> result = new HashSet<>();
        for (NodeInstance node : w.nodes()) {
            if (node.id().equals(from.node()) || reaches(w, node.id(), from.node())) {
                continue;
            }
            specOf(node).ifPresent(spec -> spec.inputs().stream()
                    .filter(i -> i.type().accepts(out.get().type()).allowed())
                    .forEach(i -> result.add(new PortRef(node.id(), i.name()))));
        }
        return result;
    }

    /** Node types with an input that accepts this output: what a wire dropped on empty canvas may create. */
    public List<NodeSpec> specsAccepting(PortRef from) {
        Optional<OutputSpec> out = specOf(from.node()).flatMap(s -> s.output(from.port()));
        if (out.isEmpty()) {
            return List.of();
        }
        return catalog.specs().stream()
                .filter(s -> s.inputs().stream().anyMatch(i -> i.type().accepts(out.get().type()).allowed()))
                .toList();
    }

    /** Adds a node of the given type at {@code at} and wires {@code from} into its first compatible input. */
    public NodeId addNodeWiredFrom(PortRef from, NodeSpec spec, Position at) {
        NodeId id = addNode(spec, at);
        Optional<OutputSpec> out = specOf(from.node()).flatMap(s -> s.output(from.port()));
        out.flatMap(o -> spec.inputs().stream().filter(i -> i.type().accepts(o.type()).allowed()).findFirst())
                .ifPresent(input -> {
                    // One undo step for "add and wire".
                    Edit added = undo.pop();
                    Workflow wired = getWorkflow().withEdge(new Edge(from, new PortRef(id, input.name())));
                    undo.push(new Edit("add " + spec.displayName(), added.before(), wired));
                    show(wired);
                });
        return id;
    }

    private static boolean reaches(Workflow w, NodeId start, NodeId goal) {
        Map<NodeId, List<NodeId>> next = new HashMap<>();
        for (Edge e : w.edges()) {
            next.computeIfAbsent(e.from().node(), k -> new ArrayList<>()).add(e.to().node());
        }
        Deque<NodeId> pending = new ArrayDeque<>(List.of(start));
        Set<NodeId> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            NodeId n = pending.pop();
            if (n.equals(goal)) {
                return true;
            }
            if (seen.add(n)) {
                pending.addAll(next.getOrDefault(n, List.of()));
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ selection

    public void select(Set<NodeId> ids) {
        selection.set(Set.copyOf(ids));
    }

    public void selectOnly(NodeId id) {
        selection.set(Set.of(id));
    }

    public void toggleSelected(NodeId id) {
        Set<NodeId> s = new HashSet<>(getSelection());
        if (!s.remove(id)) {
            s.add(id);
        }
        selection.set(Set.copyOf(s));
    }

    public void selectAll() {
        selection.set(Set.copyOf(getWorkflow().nodes().stream().map(NodeInstance::id).toList()));
    }

    /** Deselects every node and the frame. */
    public void clearSelection() {
        selection.set(Set.of());
        selectedFrame.set(null);
    }

    /** Selects the node and asks the view to centre on it. */
    public void reveal(NodeId id) {
        if (getWorkflow().node(id).isEmpty()) {
            return;
        }
        selectOnly(id);
        revealRequest.set(null);
        revealRequest.set(id);
    }

    /** Nodes whose title, id, type or display name contains the query (case-insensitive), in file order. */
    public List<NodeInstance> find(String query) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return List.of();
        }
        return getWorkflow().nodes().stream().filter(n -> {
            String display = specOf(n).map(NodeSpec::displayName).orElse("");
            return (n.title() + " " + n.id() + " " + n.type() + " " + display).toLowerCase(Locale.ROOT).contains(q);
        }).toList();
    }

    /** Selects the first node matching the query, or says that none does. */
    public boolean findAndReveal(String query) {
        List<NodeInstance> found = find(query);
        if (found.isEmpty()) {
            error("No node matches \"" + query.strip() + "\"");
            return false;
        }
        reveal(found.get(0).id());
        info("Found " + labelOf(found.get(0)) + (found.size() > 1 ? " (1 of " + found.size() + ")" : ""));
        return true;
    }

    // ------------------------------------------------------------------ clipboard

    /** The selected nodes and the wires between them, as workflow JSON; empty when nothing is selected. */
    public Optional<String> copySelection() {
        Set<NodeId> ids = getSelection();
        if (ids.isEmpty()) {
            info("Select nodes to copy");
            return Optional.empty();
        }
        Workflow w = getWorkflow();
        List<NodeInstance> nodes = w.nodes().stream().filter(n -> ids.contains(n.id())).toList();
        List<Edge> edges = w.edges().stream()
                .filter(e -> ids.contains(e.from().node()) && ids.contains(e.to().node())).toList();
        // A frame goes along when everything in it is copied: duplicating a framed group keeps its frame.
        List<Frame> frames = w.canvas().frames().stream().filter(f -> {
            Set<NodeId> inside = nodesIn(f);
            return !inside.isEmpty() && ids.containsAll(inside);
        }).toList();
        Workflow fragment = Workflow.empty("clipboard").withEdges(edges)
                .withCanvas(Canvas.EMPTY.withFrames(frames));
        for (NodeInstance n : nodes) {
            fragment = fragment.withNode(n);
        }
        info("Copied " + nodes.size() + (nodes.size() == 1 ? " node" : " nodes")
                + (frames.isEmpty() ? "" : frames.size() == 1 ? " and their frame" : " and their " + frames.size() + " frames"));
        return Optional.of(WorkflowCodec.write(fragment));
    }

    /**
     * Pastes workflow JSON (from this or another window): nodes get fresh ids, land offset from where they
     * were, keep the wires between them, and become the selection; frames that came along get fresh ids too.
     */
    public boolean paste(String text) {
        Workflow fragment;
        try {
            fragment = WorkflowCodec.read(text, "clipboard");
        } catch (WorkflowFormatException e) {
            error("The clipboard holds no FlowLens nodes: " + e.getMessage());
            return false;
        }
        if (fragment.nodes().isEmpty()) {
            error("The clipboard holds no FlowLens nodes");
            return false;
        }
        Workflow w = getWorkflow();
        // Nodes land a little down and right; framed nodes land below their frames, so that the copy's frame
        // does not lie over the originals (a frame carries whatever lies in it).
        double dx = PASTE_OFFSET;
        double dy = PASTE_OFFSET;
        if (!fragment.canvas().frames().isEmpty()) {
            double top = fragment.canvas().frames().stream().mapToDouble(Frame::y).min().orElseThrow();
            double bottom = fragment.canvas().frames().stream().mapToDouble(f -> f.y() + f.height()).max().orElseThrow();
            dx = 0;
            dy = bottom - top + PASTE_OFFSET;
        }
        Map<NodeId, NodeId> renamed = new HashMap<>();
        Set<NodeId> pasted = new LinkedHashSet<>();
        for (NodeInstance n : fragment.nodes()) {
            NodeId fresh = w.freshNodeId(n.id().value().replaceAll("\\d+$", ""));
            renamed.put(n.id(), fresh);
            w = w.withNode(n.withId(fresh).withPosition(n.position().plus(dx, dy)));
            pasted.add(fresh);
        }
        for (Edge e : fragment.edges()) {
            NodeId a = renamed.get(e.from().node());
            NodeId b = renamed.get(e.to().node());
            if (a != null && b != null) {
                w = w.withEdge(new Edge(new PortRef(a, e.from().port()), new PortRef(b, e.to().port())));
            }
        }
        Set<String> frameIds = new HashSet<>();
        w.canvas().frames().forEach(f -> frameIds.add(f.id()));
        List<Frame> frames = new ArrayList<>(w.canvas().frames());
        for (Frame f : fragment.canvas().frames()) {
            int n = 1;
            while (frameIds.contains("frame" + n)) {
                n++;
            }
            frameIds.add("frame" + n);
            Frame moved = f.movedBy(dx, dy);
            frames.add(new Frame("frame" + n, moved.title(), moved.x(), moved.y(), moved.width(), moved.height(),
                    moved.color(), moved.extra()));
        }
        w = w.withCanvas(w.canvas().withFrames(frames));
        apply("paste " + pasted.size() + (pasted.size() == 1 ? " node" : " nodes"), w);
        selection.set(Set.copyOf(pasted));
        info("Pasted " + pasted.size() + (pasted.size() == 1 ? " node" : " nodes"));
        return true;
    }

    public void duplicateSelection() {
        copySelection().ifPresent(this::paste);
    }
}
