package dev.flowlens.runtime.http;

import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RunEvent;
import dev.flowlens.runtime.api.RunEventJson;
import dev.flowlens.runtime.api.RunHandle;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's runs: a bounded queue in front of a bounded number of running runs, and the recent history. A run
 * starts when a slot is free; when one ends, the oldest waiting run takes its slot. One lock guards the queue,
 * the slot count and the history; nothing slow happens under it.
 */
final class RunBook {
    private static final Logger LOG = LoggerFactory.getLogger(RunBook.class);

    private final FlowLens flowLens;
    private final EventHub hub;
    private final ApiLimits limits;
    private final Consumer<ApiRun> finished;
    private final Deque<ApiRun> queue = new ArrayDeque<>();
    private final Map<String, ApiRun> runs = new LinkedHashMap<>();
    private int running;

    /** {@code finished} hears of every run that ended (to write it into the run history); it must not throw. */
    RunBook(FlowLens flowLens, EventHub hub, ApiLimits limits, Consumer<ApiRun> finished) {
        this.flowLens = flowLens;
        this.hub = hub;
        this.limits = limits;
        this.finished = finished;
    }

    /** Accepts a run: starts it, or queues it when every slot is taken; 429 when the queue is full too. */
    void submit(ApiRun run) {
        synchronized (this) {
            if (running >= limits.maxRunningRuns() && queue.size() >= limits.maxQueuedRuns()) {
                throw new ApiProblem(429, "the queue is full: " + running + " runs running and " + queue.size()
                        + " waiting; try again when one has finished");
            }
            runs.put(run.id(), run);
            if (running < limits.maxRunningRuns()) {
                running++;
            } else {
                queue.addLast(run);
                return;
            }
        }
        launch(run);
    }

    Optional<ApiRun> find(String id) {
        synchronized (this) {
            return Optional.ofNullable(runs.get(id));
        }
    }

    /** Newest first, optionally only those with one status. */
    List<ApiRun> list(String status, int limit) {
        List<ApiRun> all;
        synchronized (this) {
            all = new ArrayList<>(runs.values());
        }
        List<ApiRun> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            if (all.get(i).matches(status)) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /** Cancels a waiting run at once, or asks a running one to stop; false when it had already finished. */
    boolean cancel(ApiRun run) {
        boolean wasQueued;
        synchronized (this) {
            wasQueued = queue.remove(run);
            if (wasQueued) {
                run.endedWithoutRunning("cancelled");
                trimHistory();
            }
        }
        if (wasQueued) {
            finished.accept(run);
            return true;
        }
        RunHandle handle = run.handle();
        if (run.phase() == ApiRun.Phase.RUNNING && handle != null) {
            handle.cancel();
            return true;
        }
        return false;
    }

    synchronized int queued() {
        return queue.size();
    }

    synchronized int running() {
        return running;
    }

    /** Cancels every waiting and running run; for shutdown. */
    void cancelAll() {
        List<ApiRun> all;
        synchronized (this) {
            all = new ArrayList<>(runs.values());
        }
        all.forEach(this::cancel);
    }

    private void launch(ApiRun run) {
        RunHandle handle;
        try {
            handle = flowLens.start(run.request(), event -> {
                run.apply(event);
                if (event instanceof RunEvent.RunFinished) {
                    // Before the event goes out, so a client that saw run_finished finds the run in history.
                    finished.accept(run);
                }
                ObjectNode json = RunEventJson.toJson(event);
                // Clients know the run by the id the API gave it.
                json.put("runId", run.id());
                hub.publish(run.id(), json.toString());
            });
        } catch (RuntimeException e) {
            LOG.warn("run {} could not start: {}", run.id(), e.toString());
            run.endedWithoutRunning("failed");
            finished.accept(run);
            slotFreed();
            return;
        }
        run.started(handle);
        handle.completion().whenComplete((summary, error) -> slotFreed());
    }

    private void slotFreed() {
        ApiRun next;
        synchronized (this) {
            trimHistory();
            next = queue.pollFirst();
            if (next == null) {
                running--;
                return;
            }
        }
        launch(next);
    }

    /** Forgets the oldest finished runs beyond the history size. Caller holds the lock. */
    private void trimHistory() {
        int finished = (int) runs.values().stream().filter(r -> r.phase() == ApiRun.Phase.FINISHED).count();
        Iterator<ApiRun> it = runs.values().iterator();
        while (finished > limits.historySize() && it.hasNext()) {
            if (it.next().phase() == ApiRun.Phase.FINISHED) {
                it.remove();
                finished--;
            }
        }
    }
}
