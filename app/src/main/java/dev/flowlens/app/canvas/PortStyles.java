package dev.flowlens.app.canvas;

import dev.flowlens.core.type.PortType;
import java.util.List;

/**
 * The CSS classes that colour a port or wire by its type ({@code type-image}, plus {@code list} for lists);
 * the colours themselves are the {@code -fl-port-*} variables of the theme sheets.
 */
public final class PortStyles {
    private PortStyles() {
    }

    public static List<String> classesOf(PortType type) {
        if (type instanceof PortType.ListOf list) {
            return List.of(classesOf(list.element()).get(0), "list");
        }
        return List.of("type-" + type.id());
    }
}
