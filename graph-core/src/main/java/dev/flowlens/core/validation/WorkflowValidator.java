package dev.flowlens.core.validation;

import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.PortRef;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamProblem;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.Compatibility;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a workflow against a node catalog and returns every issue as data. Each issue is reported where it
 * starts: a wire from an unknown node type is not also a type mismatch, and an input whose only wire is
 * dangling is not also "missing".
 */
public final class WorkflowValidator {
    private final NodeCatalog catalog;

    public WorkflowValidator(NodeCatalog catalog) {
        this.catalog = catalog;
    }

    public static List<ValidationIssue> validate(Workflow workflow, NodeCatalog catalog) {
        return new WorkflowValidator(catalog).validate(workflow);
    }

    public List<ValidationIssue> validate(Workflow workflow) {
        List<ValidationIssue> issues = new ArrayList<>();
        Map<NodeId, NodeInstance> nodes = new LinkedHashMap<>();
        Map<NodeId, NodeSpec> specs = new LinkedHashMap<>(); // file order, so issues come out the same every time

        for (NodeInstance node : workflow.nodes()) {
            if (nodes.putIfAbsent(node.id(), node) != null) {
                issues.add(ValidationIssue.error(node.id(), null, IssueCode.DUPLICATE_NODE_ID,
                        "Node id \"" + node.id() + "\" is used by more than one node; ids must be unique"));
                continue;
            }
            Optional<NodeSpec> spec = catalog.find(node.type());
            if (spec.isEmpty()) {
                issues.add(ValidationIssue.error(node.id(), null, IssueCode.UNKNOWN_NODE_TYPE,
                        labelOf(node, null) + ": unknown node type \"" + node.type() + "\"" + suggestion(node.type())));
                continue;
            }
            specs.put(node.id(), spec.get());
            checkParams(node, spec.get(), issues);
        }

        Set<PortRef> wiredInputs = new HashSet<>();
        Map<PortRef, Integer> wiresPerInput = new LinkedHashMap<>();
        List<Edge> flowing = new ArrayList<>();
        for (Edge edge : workflow.edges()) {
            if (checkEdge(edge, nodes, specs, issues, wiredInputs, wiresPerInput)) {
                flowing.add(edge);
            }
        }
        for (Map.Entry<PortRef, Integer> e : wiresPerInput.entrySet()) {
            if (e.getValue() > 1) {
                NodeInstance node = nodes.get(e.getKey().node());
                issues.add(ValidationIssue.error(node.id(), e.getKey().port(), IssueCode.MULTIPLE_EDGES_INTO_INPUT,
                        labelOf(node, specs.get(node.id())) + ": input \"" + e.getKey().port() + "\" has "
                                + e.getValue() + " wires; an input takes one"));
            }
        }

        for (Map.Entry<NodeId, NodeSpec> e : specs.entrySet()) {
            NodeInstance node = nodes.get(e.getKey());
            for (InputSpec input : e.getValue().inputs()) {
                if (input.required() && !wiredInputs.contains(new PortRef(node.id(), input.name()))) {
                    issues.add(ValidationIssue.error(node.id(), input.name(), IssueCode.REQUIRED_INPUT_MISSING,
                            labelOf(node, e.getValue()) + ": input \"" + input.name() + "\" (" + input.type().displayName()
                                    + ") needs a wire"));
                }
            }
        }

        findCycle(flowing, nodes).ifPresent(cycle -> issues.add(ValidationIssue.error(cycle.get(0), null, IssueCode.CYCLE,
                "Wires form a cycle: " + cycle.stream().map(NodeId::value).collect(Collectors.joining(" -> "))
                        + " -> " + cycle.get(0) + "; a workflow must flow one way")));

        // Stable order for people and tests: by node position in the file, then as found.
        Map<NodeId, Integer> order = new HashMap<>();
        for (int i = 0; i < workflow.nodes().size(); i++) {
            order.putIfAbsent(workflow.nodes().get(i).id(), i);
        }
        List<ValidationIssue> sorted = new ArrayList<>(issues);
        sorted.sort((a, b) -> Integer.compare(
                a.node() == null ? -1 : order.getOrDefault(a.node(), Integer.MAX_VALUE),
                b.node() == null ? -1 : order.getOrDefault(b.node(), Integer.MAX_VALUE)));
        return List.copyOf(sorted);
    }

    private void checkParams(NodeInstance node, NodeSpec spec, List<ValidationIssue> issues) {
        String label = labelOf(node, spec);
        for (ParamSpec param : spec.params()) {
            ParamValue value = node.param(param.name()).or(param::defaultValue).orElse(null);
            if (value == null) {
                if (param.required()) {
                    issues.add(ValidationIssue.error(node.id(), param.name(), IssueCode.REQUIRED_PARAM_MISSING,
                            label + ": " + param.label() + " is required"));
                }
                continue;
            }
            Optional<ParamProblem> problem = param.check(value);
            problem.ifPresent(p -> issues.add(ValidationIssue.error(node.id(), param.name(), p.code(),
                    label + ": " + param.label() + " " + p.detail())));
        }
        for (String name : node.params().keySet()) {
            if (spec.param(name).isEmpty()) {
                issues.add(ValidationIssue.warning(node.id(), name, IssueCode.UNKNOWN_PARAM,
                        label + ": parameter \"" + name + "\" is not used by " + spec.displayName() + " (kept in the file)"));
            }
        }
    }

    /**
     * Reports what is wrong with one wire; answers whether it joins two nodes through ports that exist (or
     * through a node of an unknown type, whose ports cannot be known), so a wire already reported as broken
     * does not show up again in a cycle.
     */
    private boolean checkEdge(Edge edge, Map<NodeId, NodeInstance> nodes, Map<NodeId, NodeSpec> specs,
                           List<ValidationIssue> issues, Set<PortRef> wiredInputs, Map<PortRef, Integer> wiresPerInput) {
        NodeInstance from = nodes.get(edge.from().node());
        NodeInstance to = nodes.get(edge.to().node());
        if (from == null || to == null) {
            NodeId anchor = to != null ? to.id() : from != null ? from.id() : null;
            String missing = from == null && to == null && !edge.from().node().equals(edge.to().node())
                    ? "nodes \"" + edge.from().node() + "\" and \"" + edge.to().node() + "\", which are"
                    : "node \"" + (from == null ? edge.from().node() : edge.to().node()) + "\", which is";
            issues.add(ValidationIssue.error(anchor, to != null ? edge.to().port() : null, IssueCode.DANGLING_EDGE,
                    "Wire " + edge + " refers to " + missing + " not in the workflow"));
            if (to != null) {
                wiredInputs.add(edge.to());
            }
            return false;
        }
        wiredInputs.add(edge.to());
        NodeSpec fromSpec = specs.get(from.id());
        NodeSpec toSpec = specs.get(to.id());
        if (fromSpec == null || toSpec == null) {
            return true; // the unknown type is already reported on its node
        }
        Optional<OutputSpec> output = fromSpec.output(edge.from().port());
        Optional<InputSpec> input = toSpec.input(edge.to().port());
        if (output.isEmpty()) {
            issues.add(ValidationIssue.error(from.id(), edge.from().port(), IssueCode.UNKNOWN_PORT,
                    labelOf(from, fromSpec) + " has no output \"" + edge.from().port() + "\"; it has "
                            + names(fromSpec.outputs().stream().map(OutputSpec::name).toList())));
            return false;
        }
        if (input.isEmpty()) {
            issues.add(ValidationIssue.error(to.id(), edge.to().port(), IssueCode.UNKNOWN_PORT,
                    labelOf(to, toSpec) + " has no input \"" + edge.to().port() + "\"; it has "
                            + names(toSpec.inputs().stream().map(InputSpec::name).toList())));
            return false;
        }
        wiresPerInput.merge(edge.to(), 1, Integer::sum);
        Compatibility compatibility = input.get().type().accepts(output.get().type());
        if (compatibility instanceof Compatibility.Refused refused) {
            issues.add(ValidationIssue.error(to.id(), edge.to().port(), IssueCode.TYPE_MISMATCH,
                    refused.message(shortName(to, toSpec) + "." + edge.to().port(),
                            shortName(from, fromSpec) + "." + edge.from().port())));
        }
        return true;
    }

    /** Depth-first search with an explicit stack; returns the nodes of one cycle in wire order. */
    private static Optional<List<NodeId>> findCycle(List<Edge> edges, Map<NodeId, NodeInstance> nodes) {
        Map<NodeId, List<NodeId>> next = new LinkedHashMap<>();
        for (NodeId id : nodes.keySet()) {
            next.put(id, new ArrayList<>());
        }
        for (Edge e : edges) {
            if (nodes.containsKey(e.from().node()) && nodes.containsKey(e.to().node())) {
                next.get(e.from().node()).add(e.to().node());
            }
        }
        Map<NodeId, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
        for (NodeId start : next.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            Deque<NodeId> path = new ArrayDeque<>();
            Deque<java.util.Iterator<NodeId>> iterators = new ArrayDeque<>();
            path.push(start);
            iterators.push(next.get(start).iterator());
            state.put(start, 1);
            while (!path.isEmpty()) {
                java.util.Iterator<NodeId> it = iterators.peek();
                if (it.hasNext()) {
                    NodeId n = it.next();
                    Integer s = state.get(n);
                    if (s == null) {
                        state.put(n, 1);
                        path.push(n);
                        iterators.push(next.get(n).iterator());
                    } else if (s == 1) {
                        List<NodeId> cycle = new ArrayList<>();
                        for (java.util.Iterator<NodeId> d = path.descendingIterator(); d.hasNext(); ) {
                            cycle.add(d.next());
                        }
                        return Optional.of(List.copyOf(cycle.subList(cycle.indexOf(n), cycle.size())));
                    }
                } else {
                    state.put(path.pop(), 2);
                    iterators.pop();
                }
            }
        }
        return Optional.empty();
    }

    /** "Resize (node resize1)": the title a user sees plus the id that files and overrides use. */
    public static String labelOf(NodeInstance node, NodeSpec spec) {
        return shortName(node, spec) + " (node " + node.id() + ")";
    }

    /** The title a user sees: the node's own title, else its type's display name, else the type id. */
    public static String shortName(NodeInstance node, NodeSpec spec) {
        if (!node.title().isBlank()) {
            return node.title();
        }
        return spec != null ? spec.displayName() : node.type();
    }

    private String suggestion(String type) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (NodeSpec spec : catalog.specs()) {
            int d = distance(type, spec.typeId());
            if (d < bestDistance) {
                bestDistance = d;
                best = spec.typeId();
            }
        }
        return best != null && bestDistance <= Math.max(2, type.length() / 4) ? "; did you mean \"" + best + "\"?" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
