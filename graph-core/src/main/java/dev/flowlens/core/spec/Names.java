package dev.flowlens.core.spec;

import java.util.regex.Pattern;

/** The naming conventions that registration enforces, so files and overrides stay predictable. */
final class Names {
    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern TYPE_ID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    private Names() {
    }

    static String requirePortName(String name) {
        if (name == null || !SNAKE.matcher(name).matches()) {
            throw new IllegalArgumentException("port name must be lower_snake_case, got \"" + name + "\"");
        }
        return name;
    }

    static String requireParamName(String name) {
        if (name == null || !SNAKE.matcher(name).matches()) {
            throw new IllegalArgumentException("parameter name must be lower_snake_case, got \"" + name + "\"");
        }
        return name;
    }

    static String requireTypeId(String typeId) {
        if (typeId == null || !TYPE_ID.matcher(typeId).matches()) {
            throw new IllegalArgumentException("node type id must be namespaced like \"image.resize\", got \"" + typeId + "\"");
        }
        return typeId;
    }
}
