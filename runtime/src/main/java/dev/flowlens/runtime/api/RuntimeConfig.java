package dev.flowlens.runtime.api;

import dev.flowlens.runtime.inference.DataFolder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How one {@link FlowLens} instance runs: where it keeps its data (history, schedules, key stores), how many
 * node executions and per-item executions may run at once, how much the output cache may hold, and where
 * {@code env:} secrets come from.
 *
 * @param dataFolder        the user's FlowLens data folder; nothing is written there until a part needs it
 * @param parallelism       node and per-item executions at once, shared by every run of the instance
 * @param cacheMaxEntries   node results the output cache keeps at most (0 turns the cache off)
 * @param cacheMaxBytes     estimated bytes of outputs the cache keeps at most
 * @param closeTimeout      how long {@link FlowLens#close()} waits for cancelled runs to stop
 * @param environment       looks up environment variables for {@code env:NAME} secrets (null when unset)
 */
public record RuntimeConfig(Path dataFolder, int parallelism, int cacheMaxEntries, long cacheMaxBytes,
                            Duration closeTimeout, UnaryOperator<String> environment) {

    public static final int DEFAULT_CACHE_ENTRIES = 2_000;
    public static final long DEFAULT_CACHE_BYTES = 512L * 1024 * 1024;

    public RuntimeConfig {
        Objects.requireNonNull(dataFolder, "dataFolder");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        if (cacheMaxEntries < 0 || cacheMaxBytes < 0) {
            throw new IllegalArgumentException("cache bounds must not be negative");
        }
        closeTimeout = closeTimeout == null ? Duration.ofSeconds(10) : closeTimeout;
        environment = environment == null ? System::getenv : environment;
    }

    /** {@code ~/.flowlens}, one execution per processor, a 2,000-entry / 512 MiB cache, the process environment. */
    public static RuntimeConfig defaults() {
        return new RuntimeConfig(defaultDataFolder(), Runtime.getRuntime().availableProcessors(), DEFAULT_CACHE_ENTRIES,
                DEFAULT_CACHE_BYTES, Duration.ofSeconds(10), System::getenv);
    }

    /** {@code $FLOWLENS_DATA} when set, else {@code ~/.flowlens} (see {@link DataFolder}). */
    public static Path defaultDataFolder() {
        return DataFolder.resolve();
    }

    public RuntimeConfig withDataFolder(Path folder) {
        return new RuntimeConfig(folder, parallelism, cacheMaxEntries, cacheMaxBytes, closeTimeout, environment);
    }

    public RuntimeConfig withParallelism(int threads) {
        return new RuntimeConfig(dataFolder, threads, cacheMaxEntries, cacheMaxBytes, closeTimeout, environment);
    }

    public RuntimeConfig withCache(int maxEntries, long maxBytes) {
        return new RuntimeConfig(dataFolder, parallelism, maxEntries, maxBytes, closeTimeout, environment);
    }

    public RuntimeConfig withCloseTimeout(Duration timeout) {
        return new RuntimeConfig(dataFolder, parallelism, cacheMaxEntries, cacheMaxBytes, timeout, environment);
    }

    public RuntimeConfig withEnvironment(UnaryOperator<String> lookup) {
        return new RuntimeConfig(dataFolder, parallelism, cacheMaxEntries, cacheMaxBytes, closeTimeout, lookup);
    }

    /** Never prints the environment: it holds secrets. */
    @Override
    public String toString() {
        return "RuntimeConfig[dataFolder=" + dataFolder + ", parallelism=" + parallelism + ", cacheMaxEntries="
                + cacheMaxEntries + ", cacheMaxBytes=" + cacheMaxBytes + ", closeTimeout=" + closeTimeout + "]";
    }
}
