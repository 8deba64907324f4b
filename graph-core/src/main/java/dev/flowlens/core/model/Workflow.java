package dev.flowlens.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A workflow document: nodes, the wires between them and the editor's layout. Immutable; every edit returns
 * a new workflow, which is what makes the editor's undo stack and the executor's snapshots cheap and safe.
 *
 * <p>The model does not reject duplicate ids, dangling wires or cycles: a file may contain them, and the
 * {@link dev.flowlens.core.validation.WorkflowValidator validator} reports them as issues a user can fix.
 */
public record Workflow(WorkflowId id, String name, String description, List<NodeInstance> nodes, List<Edge> edges,
                       Canvas canvas) {

    /** The version of the JSON format this code writes; older files are migrated on read. */
    public static final int FORMAT_VERSION = 1;

    public Workflow {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        Objects.requireNonNull(canvas, "canvas");
    }

    public static Workflow empty(String name) {
        return new Workflow(WorkflowId.random(), name, "", List.of(), List.of(), Canvas.EMPTY);
    }

    public Optional<NodeInstance> node(NodeId nodeId) {
        return nodes.stream().filter(n -> n.id().equals(nodeId)).findFirst();
    }

    public Optional<NodeInstance> node(String nodeId) {
        return nodes.stream().filter(n -> n.id().value().equals(nodeId)).findFirst();
    }

    /** The wires that end in this input (more than one only in an invalid workflow). */
    public List<Edge> edgesInto(PortRef input) {
        return edges.stream().filter(e -> e.to().equals(input)).toList();
    }

    public List<Edge> edgesFrom(NodeId nodeId) {
        return edges.stream().filter(e -> e.from().node().equals(nodeId)).toList();
    }

    public List<Edge> edgesInto(NodeId nodeId) {
        return edges.stream().filter(e -> e.to().node().equals(nodeId)).toList();
    }

    /** A node id not yet used here, such as {@code resize2}; for nodes the user adds or pastes. */
    public NodeId freshNodeId(String base) {
        String stem = base.replaceAll("[^A-Za-z0-9_-]", "_");
        if (stem.isEmpty() || !Character.isLetter(stem.charAt(0)) && stem.charAt(0) != '_') {
            stem = "n" + stem;
        }
        stem = stem.length() > 56 ? stem.substring(0, 56) : stem;
        if (node(stem).isEmpty()) {
            return NodeId.of(stem);
        }
        for (int i = 2; ; i++) {
            String candidate = stem + i;
            if (node(candidate).isEmpty()) {
                return NodeId.of(candidate);
            }
        }
    }

    public Workflow withName(String newName) {
        return new Workflow(id, newName, description, nodes, edges, canvas);
    }

    public Workflow withDescription(String newDescription) {
        return new Workflow(id, name, newDescription, nodes, edges, canvas);
    }

    public Workflow withCanvas(Canvas newCanvas) {
        return new Workflow(id, name, description, nodes, edges, newCanvas);
    }

    /** Adds the node, or replaces the node with the same id in place. */
    public Workflow withNode(NodeInstance node) {
        List<NodeInstance> copy = new ArrayList<>(nodes);
        int at = indexOf(node.id());
        if (at >= 0) {
            copy.set(at, node);
        } else {
            copy.add(node);
        }
        return new Workflow(id, name, description, copy, edges, canvas);
    }

    /** Removes the node and every wire touching it. */
    public Workflow withoutNode(NodeId nodeId) {
        List<NodeInstance> keptNodes = nodes.stream().filter(n -> !n.id().equals(nodeId)).toList();
        List<Edge> keptEdges = edges.stream()
                .filter(e -> !e.from().node().equals(nodeId) && !e.to().node().equals(nodeId))
                .toList();
        return new Workflow(id, name, description, keptNodes, keptEdges, canvas);
    }

    /** Adds a wire; a wire already ending in the same input is replaced, since an input takes one wire. */
    public Workflow withEdge(Edge edge) {
        List<Edge> copy = new ArrayList<>(edges.stream().filter(e -> !e.to().equals(edge.to())).toList());
        copy.add(edge);
        return new Workflow(id, name, description, nodes, copy, canvas);
    }

    public Workflow withoutEdge(Edge edge) {
        return new Workflow(id, name, description, nodes, edges.stream().filter(e -> !e.equals(edge)).toList(), canvas);
    }

    public Workflow withEdges(List<Edge> newEdges) {
        return new Workflow(id, name, description, nodes, newEdges, canvas);
    }

    private int indexOf(NodeId nodeId) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).id().equals(nodeId)) {
                return i;
            }
        }
        return -1;
    }
}
