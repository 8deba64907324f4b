package dev.flowlens.runtime.inference;

/**
 * A model could not be loaded or run for a reason a user can act on (missing file, wrong engine, bad input
 * size). Nodes turn it into a {@link dev.flowlens.runtime.node.NodeFailure} with their label in front.
 */
public class InferenceException extends Exception {
    private static final long serialVersionUID = 1L;

    public InferenceException(String message) {
        super(message);
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
