package dev.flowlens.runtime.engine;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.runtime.api.NodeState;
import dev.flowlens.runtime.api.RunEvent;
import dev.flowlens.runtime.api.RunListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event of a run, for assertions on order and content. */
final class Recorder implements RunListener {
    final List<RunEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(RunEvent event) {
        events.add(event);
    }

    /** The states a node went through, in order. */
    List<NodeState> states(String node) {
        return events.stream()
                .filter(e -> e instanceof RunEvent.NodeStateChanged c && c.node().equals(NodeId.of(node)))
                .map(e -> ((RunEvent.NodeStateChanged) e).state())
                .toList();
    }

    <T extends RunEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
