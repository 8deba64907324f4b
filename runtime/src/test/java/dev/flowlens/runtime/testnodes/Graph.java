package dev.flowlens.runtime.testnodes;

import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.Workflow;
import java.util.ArrayList;
import java.util.List;

/** A terse way to write small workflows in tests: {@code Graph.named("x").node("a", "test.const", "value", 2)}. */
public final class Graph {
    private final String name;
    private final List<NodeInstance> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    private Graph(String name) {
        this.name = name;
    }

    public static Graph named(String name) {
        return new Graph(name);
    }

    /** A node with parameters given as name, value pairs (Integer/Long, Double, Boolean or String). */
    public Graph node(String id, String type, Object... params) {
        NodeInstance n = NodeInstance.of(id, type);
        for (int i = 0; i < params.length; i += 2) {
            n = n.withParam((String) params[i], value(params[i + 1]));
        }
        nodes.add(n);
        return this;
    }

    public Graph wire(String from, String to) {
        edges.add(Edge.of(from, to));
        return this;
    }

    public Workflow build() {
        Workflow w = Workflow.empty(name);
        for (NodeInstance n : nodes) {
            w = w.withNode(n);
        }
        return w.withEdges(edges);
    }

    private static ParamValue value(Object v) {
        if (v instanceof Integer i) {
            return new ParamValue.Int(i);
        }
        if (v instanceof Long l) {
            return new ParamValue.Int(l);
        }
        if (v instanceof Double d) {
            return new ParamValue.Num(d);
        }
        if (v instanceof Boolean b) {
            return new ParamValue.Bool(b);
        }
        if (v instanceof ParamValue p) {
            return p;
        }
        return new ParamValue.Text(String.valueOf(v));
    }
}
