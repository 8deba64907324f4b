package dev.flowlens.runtime.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends run events to the {@code /api/events} WebSocket clients. One thread does all of it (keeping each run's
 * recent events, adding and removing clients, sending), so executor threads only hand over a line, every client
 * sees a run's events in order, and a client that subscribes to one run first gets what it missed.
 */
final class EventHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    /** Per run, the events a late subscriber is sent first; a huge fan-out keeps its latest ones. */
    private static final int REPLAY_PER_RUN = 2_000;
    private static final int REPLAY_RUNS = 200;

    private record Client(WsContext ws, String run) {
    }

    /** Keeps a quiet connection (a long model call) from being closed as idle by the server or a proxy. */
    private static final long PING_SECONDS = 20;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "flowlens-api-events");
        t.setDaemon(true);
        return t;
    });

    // Javalin's own automatic pings run on a non-daemon thread that outlives the server; ours stop with the hub.
    EventHub() {
        thread.scheduleAtFixedRate(() -> submit(this::pingAll), PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
    }
    // Touched on the hub thread only.
    private final Map<String, Client> clients = new HashMap<>();
    private final Map<String, Deque<String>> replay = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<String>> eldest) {
            return size() > REPLAY_RUNS;
        }
    };

    /** A client connected; {@code run} limits it to one run (null for all), and it is first sent what that run already did. */
    void subscribe(WsContext ws, String run) {
        submit(() -> {
            ObjectNode hello = JsonNodeFactory.instance.objectNode().put("type", "subscribed");
            if (run == null) {
                hello.putNull("run");
            } else {
                hello.put("run", run);
            }
            if (!send(ws, hello.toString())) {
                return;
            }
            if (run != null) {
                for (String line : replay.getOrDefault(run, new ArrayDeque<>())) {
                    if (!send(ws, line)) {
                        return;
                    }
                }
            }
            clients.put(ws.sessionId(), new Client(ws, run));
        });
    }

    void unsubscribe(WsContext ws) {
        submit(() -> clients.remove(ws.sessionId()));
    }

    /** One event of a run, already as its JSON line. */
    void publish(String runId, String line) {
        submit(() -> {
            Deque<String> past = replay.computeIfAbsent(runId, k -> new ArrayDeque<>());
            past.addLast(line);
            if (past.size() > REPLAY_PER_RUN) {
                past.removeFirst();
            }
            List<String> gone = new ArrayList<>();
            for (Map.Entry<String, Client> c : clients.entrySet()) {
                if ((c.getValue().run() == null || c.getValue().run().equals(runId)) && !send(c.getValue().ws(), line)) {
                    gone.add(c.getKey());
                }
            }
            gone.forEach(clients::remove);
        });
    }

    private void pingAll() {
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, Client> c : clients.entrySet()) {
            try {
                c.getValue().ws().sendPing();
            } catch (RuntimeException e) {
                gone.add(c.getKey());
            }
        }
        gone.forEach(clients::remove);
    }

    private static boolean send(WsContext ws, String line) {
        try {
            if (!ws.session.isOpen()) {
                return false;
            }
            ws.send(line);
            return true;
        } catch (RuntimeException e) {
            LOG.debug("event client {} dropped: {}", ws.sessionId(), e.toString());
            return false;
        }
    }

    private void submit(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("event delivery failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // Closing: events after close go nowhere.
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
    }
}
