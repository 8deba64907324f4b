package dev.flowlens.runtime.api;

import dev.flowlens.core.model.NodeId;
import java.time.Instant;
import java.util.List;

/**
 * What happens during a run, in order. The app, the CLI, the HTTP API's WebSocket and the run history all
 * consume these same events.
 */
public sealed interface RunEvent {
    String runId();

    Instant at();

    record RunStarted(String runId, String workflowName, List<NodeId> nodes, Trigger trigger, Instant at)
            implements RunEvent {
        public RunStarted {
            nodes = List.copyOf(nodes);
        }
    }

    /** A node moved to {@code state}; while running, {@code done}/{@code total} count items (0/0 when unknown). */
    record NodeStateChanged(String runId, NodeId node, NodeState state, int done, int total, String message,
                            Instant at) implements RunEvent {
    }

    record NodeFinished(String runId, NodeId node, NodeResult result, Instant at) implements RunEvent {
    }

    /** A line for the run log; {@code node} is null for lines about the run as a whole. */
    record Log(String runId, NodeId node, String message, Instant at) implements RunEvent {
    }

    record RunFinished(String runId, RunSummary summary, Instant at) implements RunEvent {
    }
}
