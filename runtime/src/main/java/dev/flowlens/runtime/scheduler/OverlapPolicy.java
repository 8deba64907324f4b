package dev.flowlens.runtime.scheduler;

/** What happens when a schedule is due while its previous run is still going. Two runs never overlap. */
public enum OverlapPolicy {
    /** Drop the fire time (or the run-now request) and wait for the next one. */
    SKIP,
    /** Run once more right after the current run ends (at most one waiting run). */
    QUEUE
}
