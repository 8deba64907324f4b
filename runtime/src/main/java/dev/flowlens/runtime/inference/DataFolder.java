package dev.flowlens.runtime.inference;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's FlowLens data folder (models, engine caches, run history): the {@code flowlens.data} system
 * property, else the {@code FLOWLENS_DATA} environment variable, else {@code $XDG_DATA_HOME/flowlens}, else
 * {@code ~/.local/share/flowlens}.
 */
public final class DataFolder {
    public static final String PROPERTY = "flowlens.data";
    public static final String ENV = "FLOWLENS_DATA";

    private DataFolder() {
    }

    public static Path resolve() {
        return resolve(System.getProperties().getProperty(PROPERTY), System.getenv());
    }

    static Path resolve(String property, Map<String, String> env) {
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "flowlens").toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "flowlens");
    }
}
