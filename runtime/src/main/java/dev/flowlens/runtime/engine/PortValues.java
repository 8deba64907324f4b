package dev.flowlens.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.value.Classifications;
import dev.flowlens.runtime.value.Detections;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.value.ItemError;
import dev.flowlens.runtime.value.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Java values that stand for port types at run time, checked where they leave a node (so a node that
 * returns the wrong kind of value is caught at its own door, not three nodes later) and widened where the
 * type rule allows it (an Integer wire into a Number input delivers a Double).
 */
final class PortValues {
    private PortValues() {
    }

    /** The Java class a basic kind travels as. */
    static Class<?> javaType(PortType.Kind kind) {
        return switch (kind) {
            case IMAGE -> ImageValue.class;
            case TEXT -> String.class;
            case INTEGER -> Long.class;
            case NUMBER -> Double.class;
            case BOOLEAN -> Boolean.class;
            case JSON -> JsonNode.class;
            case TABLE -> Table.class;
            case FILE_PATH -> Path.class;
            case CLASSIFICATIONS -> Classifications.class;
            case DETECTIONS -> Detections.class;
        };
    }

    /** Why {@code value} cannot travel as {@code type}; empty when it can. ItemErrors may stand in list elements. */
    static Optional<String> problem(PortType type, Object value) {
        if (type instanceof PortType.Any) {
            return Optional.empty();
        }
        if (type instanceof PortType.ListOf list) {
            if (!(value instanceof List<?> items)) {
                return Optional.of("expected a list (" + type.displayName() + "), got " + kind(value));
            }
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                if (item instanceof ItemError) {
                    continue;
                }
                Optional<String> p = problem(list.element(), item);
                if (p.isPresent()) {
                    return Optional.of("element " + (i + 1) + ": " + p.get());
                }
            }
            return Optional.empty();
        }
        PortType.Kind kind = ((PortType.Basic) type).kind();
        Class<?> expected = javaType(kind);
        if (expected.isInstance(value) || kind == PortType.Kind.NUMBER && value instanceof Long) {
            return Optional.empty();
        }
        return Optional.of("expected " + type.displayName() + " (" + expected.getSimpleName() + "), got " + kind(value));
    }

    /** Widens integers for number inputs, element by element in lists; everything else passes unchanged. */
    static Object widen(PortType target, Object value) {
        if (target instanceof PortType.Basic b && b.kind() == PortType.Kind.NUMBER && value instanceof Long l) {
            return l.doubleValue();
        }
        if (target instanceof PortType.ListOf list && value instanceof List<?> items
                && list.element() instanceof PortType.Basic b && b.kind() == PortType.Kind.NUMBER
                && items.stream().anyMatch(Long.class::isInstance)) {
            List<Object> copy = new ArrayList<>(items.size());
            items.forEach(v -> copy.add(v instanceof Long l ? (Object) l.doubleValue() : v));
            return java.util.Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static String kind(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName();
    }
}
