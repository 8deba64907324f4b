package dev.flowlens.runtime.scheduler;

/**
 * Told when the service starts and ends runs (from the service's threads; keep it quick). For the app's
 * scheduler panel, the service's log, tests and benchmarks.
 */
public interface ServiceListener {
    ServiceListener NONE = new ServiceListener() { };

    /** Tells each of {@code listeners} in turn (alerts and metrics both listen to the service). */
    static ServiceListener all(ServiceListener... listeners) {
        java.util.List<ServiceListener> list = java.util.List.of(listeners);
        return new ServiceListener() {
            @Override
            public void runStarted(RunRecord record, java.time.Instant dueAt) {
                list.forEach(l -> l.runStarted(record, dueAt));
            }

            @Override
            public void runFinished(RunRecord record) {
                list.forEach(l -> l.runFinished(record));
            }

            @Override
            public void runInterrupted(RunRecord record) {
                list.forEach(l -> l.runInterrupted(record));
            }
        };
    }

    /** A run started: {@code dueAt} is when it was due, so {@code record.startedAt() - dueAt} is the fire delay. */
    default void runStarted(RunRecord record, java.time.Instant dueAt) {
    }

    /** A run ended (succeeded, failed, cancelled) or was skipped; the record is what history now holds. */
    default void runFinished(RunRecord record) {
    }

    /** A RUNNING entry of a process that died was marked INTERRUPTED. */
    default void runInterrupted(RunRecord record) {
    }
}
