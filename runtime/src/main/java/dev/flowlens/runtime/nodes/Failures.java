package dev.flowlens.runtime.nodes;

import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;

/**
 * Builds the {@link NodeFailure}s of node-level problems (a missing folder, a bad condition), prefixed with
 * the node's label so the message says which node it is about. Problems of one item (a damaged image) are
 * not prefixed: they start with the item's name and the executor records them per item.
 */
public final class Failures {
    private Failures() {
    }

    public static NodeFailure of(NodeContext context, String message) {
        return new NodeFailure(context.nodeLabel() + ": " + message);
    }

    public static NodeFailure of(NodeContext context, String message, Throwable cause) {
        return new NodeFailure(context.nodeLabel() + ": " + message, cause);
    }
}
