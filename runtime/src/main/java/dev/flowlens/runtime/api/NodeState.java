package dev.flowlens.runtime.api;

/** Where a node is in a run. The last five are final. */
public enum NodeState {
    QUEUED, RUNNING, SUCCEEDED, CACHED, FAILED, SKIPPED, CANCELLED;

    public boolean isFinal() {
        return ordinal() >= SUCCEEDED.ordinal();
    }
}
