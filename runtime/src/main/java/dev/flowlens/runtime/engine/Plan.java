package dev.flowlens.runtime.engine;

import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.PortRef;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.type.Compatibility;
import dev.flowlens.core.type.PortType;
import dev.flowlens.core.validation.WorkflowValidator;
import dev.flowlens.runtime.node.NodeType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a validated workflow means for the executor: which nodes run (all, or the ancestors of the nodes
 * asked for), in which dependency order, and how each wire carries its value. A node whose single-valued
 * input receives a list runs once per element, and then every one of its outputs is a list; that is why the
 * executor works from effective types, not declared ones.
 */
final class Plan {

    /** How a value crosses one wire into one input. */
    enum Mode { DIRECT, FAN_OUT, WRAP }

    record Wire(String input, NodeId from, String output, Mode mode) {
    }

    /** One node to run: its instance, type, label, incoming wires and whether it runs per element. */
    record Step(NodeInstance node, NodeType type, String label, List<Wire> wires, boolean fansOut,
                Optional<String> problem, Set<NodeId> upstream, Set<NodeId> downstream) {
        NodeSpec spec() {
            return type.spec();
        }

        NodeId id() {
            return node.id();
        }
    }

    private final Map<NodeId, Step> steps;
    private final List<NodeId> excluded;
    private final Set<NodeId> chainEnds;
    private final Map<NodeId, PortRef> roots;

    private Plan(Map<NodeId, Step> steps, List<NodeId> excluded, Set<NodeId> chainEnds, Map<NodeId, PortRef> roots) {
        this.steps = steps;
        this.excluded = excluded;
        this.chainEnds = chainEnds;
        this.roots = roots;
    }

    /** The nodes that run, in the workflow's order. */
    Map<NodeId, Step> steps() {
        return steps;
    }

    /** Nodes left out because they are not needed for the nodes asked for. */
    List<NodeId> excluded() {
        return excluded;
    }

    /** Nodes that run per element and whose lists no later node runs over: where items are counted. */
    Set<NodeId> chainEnds() {
        return chainEnds;
    }

    /**
     * For each node that runs per element, the list its elements come from: the output of the last node that
     * did not run per element. Lists of nodes with the same root are index-aligned, so item i is one item.
     */
    Map<NodeId, PortRef> roots() {
        return roots;
    }

    /** Plans a workflow that passed validation (every type known, every wire valid, no cycle). */
    static Plan of(Workflow workflow, DefaultNodeRegistry registry, Set<NodeId> runUpTo) {
        Map<NodeId, NodeInstance> nodes = new LinkedHashMap<>();
        workflow.nodes().forEach(n -> nodes.put(n.id(), n));
        Map<NodeId, List<Edge>> into = new HashMap<>();
        Map<NodeId, Set<NodeId>> consumers = new HashMap<>();
        for (Edge e : workflow.edges()) {
            into.computeIfAbsent(e.to().node(), k -> new ArrayList<>()).add(e);
            consumers.computeIfAbsent(e.from().node(), k -> new LinkedHashSet<>()).add(e.to().node());
        }

        Set<NodeId> wanted = new LinkedHashSet<>();
        if (runUpTo.isEmpty()) {
            wanted.addAll(nodes.keySet());
        } else {
            Deque<NodeId> todo = new ArrayDeque<>(runUpTo);
            while (!todo.isEmpty()) {
                NodeId id = todo.pop();
                if (nodes.containsKey(id) && wanted.add(id)) {
                    into.getOrDefault(id, List.of()).forEach(e -> todo.push(e.from().node()));
                }
            }
        }

        // Kahn's order over the wanted nodes, so effective types are known before they are needed.
        Map<NodeId, Integer> waiting = new HashMap<>();
        for (NodeId id : wanted) {
            waiting.put(id, (int) into.getOrDefault(id, List.of()).stream().map(e -> e.from().node()).distinct().count());
        }
        Deque<NodeId> ready = new ArrayDeque<>();
        wanted.stream().filter(id -> waiting.get(id) == 0).forEach(ready::add);
        Map<PortRef, PortType> effective = new HashMap<>();
        Map<NodeId, Step> planned = new HashMap<>();
        Map<NodeId, PortRef> roots = new HashMap<>();
        while (!ready.isEmpty()) {
            NodeId id = ready.poll();
            NodeInstance node = nodes.get(id);
            NodeType type = registry.nodeType(node.type()).orElseThrow(
                    () -> new IllegalStateException("node " + id + " has unknown type " + node.type() + " after validation"));
            NodeSpec spec = type.spec();
            String label = WorkflowValidator.labelOf(node, spec);
            List<Wire> wires = new ArrayList<>();
            boolean fansOut = false;
            String problem = null;
            Set<NodeId> upstream = new LinkedHashSet<>();
            for (InputSpec input : spec.inputs()) {
                Optional<Edge> edge = workflow.edgesInto(new PortRef(id, input.name())).stream().findFirst();
                if (edge.isEmpty()) {
                    continue;
                }
                PortRef from = edge.get().from();
                upstream.add(from.node());
                PortType sourceType = effective.get(from);
                Compatibility c = input.type().accepts(sourceType);
                Mode mode;
                if (c instanceof Compatibility.FanOut) {
                    mode = Mode.FAN_OUT;
                    if (!fansOut) {
                        roots.put(id, roots.getOrDefault(from.node(), from));
                    }
                    fansOut = true;
                } else if (c instanceof Compatibility.Wrap) {
                    mode = Mode.WRAP;
                } else if (c instanceof Compatibility.Direct) {
                    mode = Mode.DIRECT;
                } else {
                    mode = Mode.DIRECT;
                    problem = label + ": input \"" + input.name() + "\" takes " + input.type().displayName() + ", but "
                            + from + " gives " + sourceType.displayName() + " because an earlier node ran once per item";
                }
                wires.add(new Wire(input.name(), from.node(), from.port(), mode));
            }
            for (OutputSpec out : spec.outputs()) {
                effective.put(new PortRef(id, out.name()), fansOut ? PortType.listOf(out.type()) : out.type());
            }
            planned.put(id, new Step(node, type, label, List.copyOf(wires), fansOut, Optional.ofNullable(problem),
                    Set.copyOf(upstream), Set.of()));
            for (NodeId next : consumers.getOrDefault(id, Set.of())) {
                if (wanted.contains(next) && waiting.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (planned.size() != wanted.size()) {
            throw new IllegalStateException("the workflow has a cycle after validation");
        }

        Map<NodeId, Step> ordered = new LinkedHashMap<>();
        for (NodeId id : wanted) {
            Step s = planned.get(id);
            Set<NodeId> down = new LinkedHashSet<>();
            for (NodeId c : consumers.getOrDefault(id, Set.of())) {
                if (wanted.contains(c)) {
                    down.add(c);
                }
            }
            ordered.put(id, new Step(s.node(), s.type(), s.label(), s.wires(), s.fansOut(), s.problem(), s.upstream(),
                    Set.copyOf(down)));
        }
        Set<NodeId> chainEnds = new LinkedHashSet<>();
        for (Step s : ordered.values()) {
            if (!s.fansOut()) {
                continue;
            }
            boolean continued = ordered.values().stream().anyMatch(other -> other.wires().stream()
                    .anyMatch(w -> w.from().equals(s.id()) && w.mode() == Mode.FAN_OUT));
            if (!continued) {
                chainEnds.add(s.id());
            }
        }
        List<NodeId> excluded = nodes.keySet().stream().filter(id -> !wanted.contains(id)).toList();
        return new Plan(ordered, excluded, chainEnds, Map.copyOf(roots));
    }
}
