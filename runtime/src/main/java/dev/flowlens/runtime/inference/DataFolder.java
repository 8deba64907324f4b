package dev.flowlens.runtime.inference;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's FlowLens data folder (models, engine caches, run history, schedules, the API token): the
 * {@code flowlens.data} system property, else the {@code FLOWLENS_DATA} environment variable, else
 * {@code ~/.flowlens}. The one place that decides it, so the app, the CLI, the service and the model nodes
 * always agree.
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
        return Path.of(System.getProperty("user.home", "."), ".flowlens").toAbsolutePath();
    }
}
