package dev.flowlens.app.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
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

    /**
     * From system properties: {@code flowlens.home} (else the runtime's data folder, {@code $FLOWLENS_DATA} or
     * {@code ~/.flowlens}, so the app and {@code flowlens service} share schedules) and {@code flowlens.examples}.
     */
    public static AppSettings fromSystem() {
        String home = System.getProperty("flowlens.home");
        Path base = home != null && !home.isBlank() ? Path.of(home)
                : dev.flowlens.runtime.api.RuntimeConfig.defaultDataFolder();
        String examples = System.getProperty("flowlens.examples");
        return new AppSettings(base.resolve("app"),
                examples != null && !examples.isBlank() ? Path.of(examples) : Path.of("examples"));
    }

    /** The FlowLens data folder the editor's folder sits in: schedules and run history live there. */
    public Path dataFolder() {
        Path parent = home.toAbsolutePath().getParent();
        return parent == null ? home : parent;
    }

    /** Dark theme: {@code -Dflowlens.theme=dark|light} when given, else the user's last choice. */
    public boolean darkTheme() {
        String forced = System.getProperty("flowlens.theme");
        if (forced != null && !forced.isBlank()) {
            return forced.strip().equalsIgnoreCase("dark");
        }
        try {
            return Files.isRegularFile(themeFile()) && Files.readString(themeFile()).strip().equals("dark");
        } catch (IOException e) {
            return false;
        }
    }

    public void rememberTheme(boolean dark) {
        try {
            AtomicFiles.writeString(themeFile(), dark ? "dark\n" : "light\n");
        } catch (IOException e) {
            LoggerFactory.getLogger(AppSettings.class).warn("Could not remember the theme in {}: {}", themeFile(), e.getMessage());
        }
    }

    private Path themeFile() {
        return home.resolve("theme.txt");
    }

    public Path recentFile() {
        return home.resolve("recent.txt");
    }

    public Path recoveryFile() {
        return home.resolve("recovery.json");
    }
}
