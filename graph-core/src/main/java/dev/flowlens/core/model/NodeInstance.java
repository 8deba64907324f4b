package dev.flowlens.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One node placed in a workflow: which type it is, its own title, its parameter values and where it sits.
 * Parameters are kept sorted by name, so files diff well; parameters the node type does not know are kept.
 */
public record NodeInstance(NodeId id, String type, String title, Map<String, ParamValue> params, Position position) {

    public NodeInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        title = title == null ? "" : title;
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        Objects.requireNonNull(position, "position");
    }

    public static NodeInstance of(String id, String type) {
        return new NodeInstance(NodeId.of(id), type, "", Map.of(), Position.ORIGIN);
    }

    public Optional<ParamValue> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public NodeInstance withParam(String name, ParamValue value) {
        Map<String, ParamValue> copy = new TreeMap<>(params);
        copy.put(name, Objects.requireNonNull(value, "value"));
        return new NodeInstance(id, type, title, copy, position);
    }

    public NodeInstance withoutParam(String name) {
        Map<String, ParamValue> copy = new TreeMap<>(params);
        copy.remove(name);
        return new NodeInstance(id, type, title, copy, position);
    }

    public NodeInstance withParams(Map<String, ParamValue> newParams) {
        return new NodeInstance(id, type, title, newParams, position);
    }

    public NodeInstance withTitle(String newTitle) {
        return new NodeInstance(id, type, newTitle, params, position);
    }

    public NodeInstance withPosition(Position newPosition) {
        return new NodeInstance(id, type, title, params, newPosition);
    }

    public NodeInstance withId(NodeId newId) {
        return new NodeInstance(newId, type, title, params, position);
    }
}
