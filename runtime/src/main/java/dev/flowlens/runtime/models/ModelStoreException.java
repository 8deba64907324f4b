package dev.flowlens.runtime.models;

/** A store operation failed for a reason the user can act on; the message says which model and why. */
public class ModelStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelStoreException(String message) {
        super(message);
    }

    public ModelStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
