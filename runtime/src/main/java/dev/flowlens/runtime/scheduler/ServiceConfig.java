package dev.flowlens.runtime.scheduler;

import java.time.Duration;
import java.util.Objects;

/**
 * How the scheduler service behaves. The defaults suit a desktop: due runs are noticed within a second, a dead
 * process's run is taken over after about 20 s, and a stopping service lets a run finish for 30 s.
 *
 * @param pollInterval     how often db-scheduler looks for due executions (1–2 s on a desktop)
 * @param heartbeat        how often a running execution proves its process is alive
 * @param missedHeartbeats heartbeats missed before another process treats the execution as dead
 * @param threads          runs executed at once across all schedules
 * @param shutdownGrace    how long a stopping service lets running workflows finish before cancelling them
 * @param retryBackoff     wait before the first retry; doubled for each further one
 * @param lateAfter        a cron run that starts later than this after its due time counts as missed
 */
public record ServiceConfig(Duration pollInterval, Duration heartbeat, int missedHeartbeats, int threads,
                            Duration shutdownGrace, Duration retryBackoff, Duration lateAfter) {
    public ServiceConfig {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(lateAfter, "lateAfter");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, got " + pollInterval);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (missedHeartbeats < 4) {
            throw new IllegalArgumentException("missed heartbeats must be at least 4 (db-scheduler's limit), got " + missedHeartbeats);
        }
    }

    public static ServiceConfig desktop() {
        return new ServiceConfig(Duration.ofSeconds(1), Duration.ofSeconds(5), 4, 4, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofMinutes(1));
    }

    public ServiceConfig withPollInterval(Duration d) {
        return new ServiceConfig(d, heartbeat, missedHeartbeats, threads, shutdownGrace, retryBackoff, lateAfter);
    }

    public ServiceConfig withHeartbeat(Duration d, int missed) {
        return new ServiceConfig(pollInterval, d, missed, threads, shutdownGrace, retryBackoff, lateAfter);
    }

    public ServiceConfig withThreads(int n) {
        return new ServiceConfig(pollInterval, heartbeat, missedHeartbeats, n, shutdownGrace, retryBackoff, lateAfter);
    }

    public ServiceConfig withShutdownGrace(Duration d) {
        return new ServiceConfig(pollInterval, heartbeat, missedHeartbeats, threads, d, retryBackoff, lateAfter);
    }

    public ServiceConfig withRetryBackoff(Duration d) {
        return new ServiceConfig(pollInterval, heartbeat, missedHeartbeats, threads, shutdownGrace, d, lateAfter);
    }

    public ServiceConfig withLateAfter(Duration d) {
        return new ServiceConfig(pollInterval, heartbeat, missedHeartbeats, threads, shutdownGrace, retryBackoff, d);
    }

    /** A RUNNING history entry whose heartbeat is older than this belongs to a process that is gone. */
    Duration staleAfter() {
        return heartbeat.multipliedBy(missedHeartbeats);
    }
}
