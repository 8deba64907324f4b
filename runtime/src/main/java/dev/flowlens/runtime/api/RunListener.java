package dev.flowlens.runtime.api;

/**
 * Receives a run's events. Called from the executor's threads, one event at a time per run and in order;
 * keep it quick (hand work to your own thread) and do not throw: a throwing listener is logged and ignored.
 */
@FunctionalInterface
public interface RunListener {
    RunListener NONE = event -> { };

    void onEvent(RunEvent event);
}
