package dev.flowlens.core.spec;

import dev.flowlens.core.type.PortType;
import java.util.Objects;

/** An input port of a node type. An optional input that is not wired receives nothing. */
public record InputSpec(String name, PortType type, boolean required, String description) {
    public InputSpec {
        Names.requirePortName(name);
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    public static InputSpec required(String name, PortType type, String description) {
        return new InputSpec(name, type, true, description);
    }

    public static InputSpec optional(String name, PortType type, String description) {
        return new InputSpec(name, type, false, description);
    }
}
