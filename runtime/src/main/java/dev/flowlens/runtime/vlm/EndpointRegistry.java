package dev.flowlens.runtime.vlm;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * What FlowLens knows about each endpoint across nodes and runs: how many requests are in flight (so an
 * hourly schedule and a manual run together never flood one server) and which structured-output format the
 * server was found to accept. One {@link State} per endpoint key; the process shares {@link #shared()}.
 */
public final class EndpointRegistry {
    private static final EndpointRegistry SHARED = new EndpointRegistry();

    private final ConcurrentMap<String, State> states = new ConcurrentHashMap<>();

    public static EndpointRegistry shared() {
        return SHARED;
    }

    public State state(Endpoint endpoint) {
        return states.computeIfAbsent(endpoint.key(), k -> new State());
    }

    /** The shared in-flight count and remembered format of one endpoint. */
    public static final class State {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition freed = lock.newCondition();
        private final AtomicReference<ResponseFormat> acceptedFormat = new AtomicReference<>();
        private int inFlight;
        private int peak;

        /**
         * Waits until fewer than {@code limit} requests to this endpoint are in flight, then counts this one.
         * Each caller brings its own limit (the node's "max concurrent requests"); the count is shared, so no
         * caller ever sees more than its own limit running against the server.
         */
        public void acquire(int limit, BooleanSupplier cancelled) {
            int max = Math.max(1, limit);
            lock.lock();
            try {
                while (inFlight >= max) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("cancelled while waiting for a free request slot");
                    }
                    try {
                        // Wake up now and then to notice a cancelled run; releases signal at once.
                        freed.await(50, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("interrupted while waiting for a free request slot");
                    }
                }
                inFlight++;
                peak = Math.max(peak, inFlight);
            } finally {
                lock.unlock();
            }
        }

        public void release() {
            lock.lock();
            try {
                inFlight--;
                freed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        public int inFlight() {
            lock.lock();
            try {
                return inFlight;
            } finally {
                lock.unlock();
            }
        }

        /** The most requests ever in flight at once (for tests and benchmarks). */
        public int peak() {
            lock.lock();
            try {
                return peak;
            } finally {
                lock.unlock();
            }
        }

        /** The format this server accepted after refusing a richer one; empty until a fallback happened. */
        public Optional<ResponseFormat> acceptedFormat() {
            return Optional.ofNullable(acceptedFormat.get());
        }

        public void rememberAcceptedFormat(ResponseFormat format) {
            acceptedFormat.set(format);
        }
    }
}
