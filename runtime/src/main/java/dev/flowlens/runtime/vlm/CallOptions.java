package dev.flowlens.runtime.vlm;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/** Per-call limits: the timeout of each request, the endpoint's concurrency limit, and a cancellation flag. */
public record CallOptions(Duration timeout, int maxConcurrent, BooleanSupplier cancelled) {
    public CallOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cancelled, "cancelled");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    public static CallOptions of(Duration timeout, int maxConcurrent) {
        return new CallOptions(timeout, maxConcurrent, () -> false);
    }
}
