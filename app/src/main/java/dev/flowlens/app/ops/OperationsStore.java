package dev.flowlens.app.ops;

import dev.flowlens.runtime.api.Operations;
import java.nio.file.Path;

/**
 * The data folder's {@link Operations}, opened on first use (from a background thread) and closed once with the
 * window, shared by the history, dashboard and alerts views.
 */
public final class OperationsStore implements AutoCloseable {
    private final Path dataFolder;
    private Operations operations;
    private boolean closed;

    public OperationsStore(Path dataFolder) {
        this.dataFolder = dataFolder;
    }

    public Path dataFolder() {
        return dataFolder;
    }

    /** Whether the data folder has a store yet (a schedule, the CLI or an app run made one). */
    public boolean exists() {
        return Operations.exists(dataFolder);
    }

    public synchronized Operations get() {
        if (closed) {
            throw new IllegalStateException("the window is closing");
        }
        if (operations == null) {
            operations = Operations.open(dataFolder);
        }
        return operations;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (operations != null) {
            operations.close();
            operations = null;
        }
    }
}
