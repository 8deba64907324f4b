package dev.flowlens.runtime.http;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the API lets clients do: how many runs may wait and run at once, how large a request may be, which client
 * addresses may connect, where input files may come from when the server is reachable from other machines, and
 * how many finished runs it remembers.
 *
 * @param maxQueuedRuns   runs accepted but waiting for a slot; one more is answered 429
 * @param maxRunningRuns  runs executing at once
 * @param maxRequestBytes the largest request body; a larger one is answered 413
 * @param allowedClients  client IP addresses allowed to connect; empty allows every client that has the token
 * @param inputRoots      folders input paths must lie in when the server is not on loopback; empty means the
 *                        workflows root only
 * @param historySize     finished runs kept in memory for {@code GET /api/runs}
 */
public record ApiLimits(int maxQueuedRuns, int maxRunningRuns, long maxRequestBytes, Set<String> allowedClients,
                        List<Path> inputRoots, int historySize) {

    public static final int DEFAULT_QUEUED = 100;
    public static final int DEFAULT_RUNNING = 2;
    public static final long DEFAULT_REQUEST_BYTES = 1024 * 1024;
    public static final int DEFAULT_HISTORY = 1_000;

    public ApiLimits {
        if (maxQueuedRuns < 0) {
            throw new IllegalArgumentException("maxQueuedRuns must not be negative, got " + maxQueuedRuns);
        }
        if (maxRunningRuns < 1) {
            throw new IllegalArgumentException("maxRunningRuns must be at least 1, got " + maxRunningRuns);
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 1024, got " + maxRequestBytes);
        }
        if (historySize < 1) {
            throw new IllegalArgumentException("historySize must be at least 1, got " + historySize);
        }
        allowedClients = Set.copyOf(Objects.requireNonNull(allowedClients, "allowedClients"));
        inputRoots = inputRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** 100 waiting, 2 running, 1 MiB requests, every client with the token, inputs under the workflows root. */
    public static ApiLimits defaults() {
        return new ApiLimits(DEFAULT_QUEUED, DEFAULT_RUNNING, DEFAULT_REQUEST_BYTES, Set.of(), List.of(), DEFAULT_HISTORY);
    }

    public ApiLimits withQueue(int queued, int running) {
        return new ApiLimits(queued, running, maxRequestBytes, allowedClients, inputRoots, historySize);
    }

    public ApiLimits withMaxRequestBytes(long bytes) {
        return new ApiLimits(maxQueuedRuns, maxRunningRuns, bytes, allowedClients, inputRoots, historySize);
    }

    public ApiLimits withAllowedClients(Set<String> clients) {
        return new ApiLimits(maxQueuedRuns, maxRunningRuns, maxRequestBytes, clients, inputRoots, historySize);
    }

    public ApiLimits withInputRoots(List<Path> roots) {
        return new ApiLimits(maxQueuedRuns, maxRunningRuns, maxRequestBytes, allowedClients, roots, historySize);
    }

    public ApiLimits withHistorySize(int runs) {
        return new ApiLimits(maxQueuedRuns, maxRunningRuns, maxRequestBytes, allowedClients, inputRoots, runs);
    }
}
