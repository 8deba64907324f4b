package dev.flowlens.runtime.node;

/**
 * A failure the user can act on: the message is shown as it is, on the node (or the item), without a stack
 * trace. Say what was expected and what came: "width must be between 1 and 16384, got 0".
 */
public class NodeFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public NodeFailure(String message) {
        super(message);
    }

    public NodeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
