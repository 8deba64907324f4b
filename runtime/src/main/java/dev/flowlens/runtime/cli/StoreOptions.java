package dev.flowlens.runtime.cli;

import dev.flowlens.runtime.scheduler.StoreLocation;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR} and {@code --db URL}, shared by every schedule and service command. */
public final class StoreOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "FlowLens data folder: schedules, run history, logs (default: ~/.flowlens, or $FLOWLENS_DATA)")
    Path data;

    @Option(names = "--db", paramLabel = "URL",
            description = "shared store instead of the SQLite file in the data folder, e.g. jdbc:postgresql://host/flowlens?user=u&password=p")
    String db;

    StoreLocation location() {
        Path dir = data != null ? data : StoreLocation.defaultDataDir();
        return new StoreLocation(dir.toAbsolutePath().normalize(), db);
    }
}
