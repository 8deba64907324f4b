package dev.flowlens.app.workspace;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the editor keeps its own files (recent files, the recovery copy) and where the bundled examples are.
 *
 * @param home     the editor's folder, {@code <data folder>/app}
 * @param examples the examples folder: {@code -Dflowlens.examples}, else {@code ./examples}
 */
public record AppSettings(Path home, Path examples) {
    public AppSettings {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(examples, "examples");
    }

    /** From system properties: {@code flowlens.home} (else {@code ~/.flowlens}) and {@code flowlens.examples}. */
    public static AppSettings fromSystem() {
        String home = System.getProperty("flowlens.home");
        Path base = home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home", "."), ".flowlens");
        String examples = System.getProperty("flowlens.examples");
        return new AppSettings(base.resolve("app"),
                examples != null && !examples.isBlank() ? Path.of(examples) : Path.of("examples"));
    }

    public Path recentFile() {
        return home.resolve("recent.txt");
    }

    public Path recoveryFile() {
        return home.resolve("recovery.json");
    }
}
