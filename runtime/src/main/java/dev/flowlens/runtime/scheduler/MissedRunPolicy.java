package dev.flowlens.runtime.scheduler;

/** What to do with a fire time that passed while no scheduler was running (machine off, service stopped). */
public enum MissedRunPolicy {
    /** Run once at start-up, however many fire times were missed; history says "missed run, started late". */
    RUN_ONCE,
    /** Record the missed run as skipped and wait for the next fire time. */
    SKIP
}
