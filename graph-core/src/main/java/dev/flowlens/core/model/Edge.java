package dev.flowlens.core.model;

import java.util.Objects;

/** A wire from an output port to an input port. */
public record Edge(PortRef from, PortRef to) {
    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public static Edge of(String from, String to) {
        return new Edge(PortRef.parse(from), PortRef.parse(to));
    }

    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
