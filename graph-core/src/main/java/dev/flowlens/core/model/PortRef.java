package dev.flowlens.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** One port of one node, written {@code node.port} in files and messages. */
public record PortRef(NodeId node, String port) {
    private static final Pattern PORT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public PortRef {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(port, "port");
        if (!PORT_NAME.matcher(port).matches()) {
            throw new IllegalArgumentException("port name must be lower_snake_case, got \"" + port + "\"");
        }
    }

    public static PortRef of(String node, String port) {
        return new PortRef(NodeId.of(node), port);
    }

    /** Parses {@code node.port}. */
    public static PortRef parse(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("expected \"node.port\", got \"" + text + "\"");
        }
        return of(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public String toString() {
        return node + "." + port;
    }
}
