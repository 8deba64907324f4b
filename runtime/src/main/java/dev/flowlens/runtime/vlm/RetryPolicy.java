package dev.flowlens.runtime.vlm;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently to retry 429, 5xx and dropped connections: {@code maxAttempts} tries in all,
 * exponential backoff from {@code baseDelay} with jitter (so many clients do not retry in step), and a cap on
 * how long a server's {@code Retry-After} may make us wait.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(120));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** The wait before try {@code attempt + 1}: base × 2^(attempt-1), scaled by a random factor in [0.5, 1.5). */
    public Duration backoff(int attempt) {
        long base = baseDelay.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxDelay.toMillis());
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, Math.round(capped * jitter)));
    }
}
