package dev.flowlens.runtime.scheduler;

import dev.flowlens.runtime.inference.DataFolder;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where schedules and run history live: the data folder (logs, and the SQLite file {@code flowlens.db} unless a
 * database URL is given) and optionally a JDBC URL for a shared PostgreSQL store.
 */
public record StoreLocation(Path dataDir, String jdbcUrl) {
    public static final String SQLITE_FILE = "flowlens.db";

    public StoreLocation {
        Objects.requireNonNull(dataDir, "dataDir");
        jdbcUrl = jdbcUrl == null || jdbcUrl.isBlank() ? null : jdbcUrl.trim();
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("--db must be a jdbc:postgresql://host/database URL (or jdbc:sqlite:FILE), got "
                    + jdbcUrl);
        }
    }

    /** The default: {@code $FLOWLENS_DATA}, else {@code ~/.flowlens} (see {@link DataFolder}). */
    public static Path defaultDataDir() {
        return DataFolder.resolve();
    }

    public static StoreLocation sqlite(Path dataDir) {
        return new StoreLocation(dataDir, null);
    }

    public Optional<String> jdbcUrlOpt() {
        return Optional.ofNullable(jdbcUrl);
    }

    public String effectiveUrl() {
        return jdbcUrl != null ? jdbcUrl : "jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath();
    }

    public boolean isSqlite() {
        return effectiveUrl().startsWith("jdbc:sqlite:");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }
}
