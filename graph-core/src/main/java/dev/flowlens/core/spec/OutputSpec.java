package dev.flowlens.core.spec;

import dev.flowlens.core.type.PortType;
import java.util.Objects;

/** An output port of a node type. */
public record OutputSpec(String name, PortType type, String description) {
    public OutputSpec {
        Names.requirePortName(name);
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    public static OutputSpec of(String name, PortType type, String description) {
        return new OutputSpec(name, type, description);
    }
}
