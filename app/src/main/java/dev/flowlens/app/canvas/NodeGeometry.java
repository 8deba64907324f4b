package dev.flowlens.app.canvas;

import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.PortRef;
import dev.flowlens.core.model.Position;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.spec.NodeSpec;
import java.util.Optional;

/**
 * Where a node's parts sit, in canvas units, computed from its spec alone: inputs down the left edge,
 * outputs down the right, one row each. Wires and hit tests use it, so they never wait for a layout pass.
 */
public final class NodeGeometry {
    public static final double WIDTH = 200;
    public static final double HEADER = 30;
    public static final double ROW = 24;
    public static final double PADDING = 8;
    public static final double PORT_RADIUS = 6;
    /** How close (canvas units) a drop must land to a port to count as on it. */
    public static final double HIT_RADIUS = 14;

    private NodeGeometry() {
    }

    public static int rows(NodeSpec spec) {
        return spec == null ? 1 : Math.max(1, Math.max(spec.inputs().size(), spec.outputs().size()));
    }

    public static double height(NodeSpec spec) {
        return HEADER + rows(spec) * ROW + PADDING;
    }

    public static double rowCenterY(int row) {
        return HEADER + row * ROW + ROW / 2;
    }

    /** The centre of an input port, relative to the node's top-left corner; empty if the node has no such input. */
    public static Optional<double[]> inputOffset(NodeSpec spec, String port) {
        for (int i = 0; spec != null && i < spec.inputs().size(); i++) {
            if (spec.inputs().get(i).name().equals(port)) {
                return Optional.of(new double[] {0, rowCenterY(i)});
            }
        }
        return Optional.empty();
    }

    public static Optional<double[]> outputOffset(NodeSpec spec, String port) {
        for (int i = 0; spec != null && i < spec.outputs().size(); i++) {
            if (spec.outputs().get(i).name().equals(port)) {
                return Optional.of(new double[] {WIDTH, rowCenterY(i)});
            }
        }
        return Optional.empty();
    }

    /** The input port within {@link #HIT_RADIUS} of a canvas point, nearest first. */
    public static Optional<PortRef> inputAt(Workflow workflow, NodeCatalog catalog, double x, double y) {
        PortRef best = null;
        double bestDistance = HIT_RADIUS;
        for (NodeInstance node : workflow.nodes()) {
            NodeSpec spec = catalog.find(node.type()).orElse(null);
            if (spec == null) {
                continue;
            }
            Position p = node.position();
            for (int i = 0; i < spec.inputs().size(); i++) {
                double d = Math.hypot(x - p.x(), y - (p.y() + rowCenterY(i)));
                if (d <= bestDistance) {
                    bestDistance = d;
                    best = new PortRef(node.id(), spec.inputs().get(i).name());
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether a canvas point lies on the node's card (ports included). */
    public static boolean contains(NodeInstance node, NodeSpec spec, double x, double y) {
        Position p = node.position();
        return x >= p.x() - PORT_RADIUS && x <= p.x() + WIDTH + PORT_RADIUS && y >= p.y() && y <= p.y() + height(spec);
    }
}
