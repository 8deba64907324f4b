package dev.flowlens.app.ops;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.LoggerFactory;

/**
 * Where the operations views do their database, file and network work: two daemon threads, so a slow test alert
 * never holds up the history list, and the FX thread gets only the results (or the message of what went wrong).
 */
public final class Background implements AutoCloseable {
    private final ExecutorService threads;

    public Background() {
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "flowlens-ops-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code work} off the FX thread; then {@code done} with its result, or {@code failed} with why, on it. */
    public <T> void run(Callable<T> work, Consumer<T> done, Consumer<String> failed) {
        try {
            threads.execute(() -> {
                try {
                    T value = work.call();
                    Platform.runLater(() -> done.accept(value));
                } catch (Exception | LinkageError e) {
                    LoggerFactory.getLogger(Background.class).debug("background work failed", e);
                    String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
                    Platform.runLater(() -> failed.accept(why));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            failed.accept("the window is closing");
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
