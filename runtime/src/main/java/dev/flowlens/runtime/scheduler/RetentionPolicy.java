package dev.flowlens.runtime.scheduler;

import java.time.Duration;

/**
 * How much run history to keep: runs that ended more than {@code keepFor} ago go, and of each workflow only the
 * newest {@code keepRuns} stay. Either limit may be off (null). Output files stay on disk unless
 * {@code deleteOutputs} says otherwise.
 */
public record RetentionPolicy(Duration keepFor, Integer keepRuns, boolean deleteOutputs) {
    public RetentionPolicy {
        if (keepFor != null && (keepFor.isNegative() || keepFor.isZero())) {
            throw new IllegalArgumentException("--keep-days must be at least 1, got " + keepFor.toDays());
        }
        if (keepRuns != null && keepRuns < 1) {
            throw new IllegalArgumentException("--keep-runs must be at least 1, got " + keepRuns);
        }
    }

    public static RetentionPolicy days(int days) {
        return new RetentionPolicy(Duration.ofDays(days), null, false);
    }

    public boolean isOff() {
        return keepFor == null && keepRuns == null;
    }

    /** What a prune removed. */
    public record Pruned(int runs, int filesDeleted) {
    }
}
