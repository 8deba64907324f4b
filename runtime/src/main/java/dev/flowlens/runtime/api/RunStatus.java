package dev.flowlens.runtime.api;

/** How a run ended. */
public enum RunStatus {
    /** Every node and item succeeded. */
    SUCCEEDED,
    /** Some node or some item failed; independent branches still finished. */
    FAILED,
    CANCELLED,
    /** Did not start: the workflow or its overrides have validation errors. */
    INVALID,
    /** The process stopped during the run (found on the next start, from history). */
    INTERRUPTED
}
