package dev.flowlens.runtime.cli;

import dev.flowlens.runtime.api.RuntimeConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that starts a runtime shares ({@code @Mixin RuntimeOptions runtime;}). */
public final class RuntimeOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "FlowLens data folder (history, schedules). Default: $FLOWLENS_DATA or ~/.flowlens")
    Path dataFolder;

    @Option(names = {"-j", "--parallelism"}, paramLabel = "N",
            description = "Node and per-item executions at once. Default: the number of processors")
    Integer parallelism;

    public RuntimeConfig toConfig() {
        RuntimeConfig config = RuntimeConfig.defaults();
        if (dataFolder != null) {
            config = config.withDataFolder(dataFolder.toAbsolutePath());
        }
        if (parallelism != null) {
            config = config.withParallelism(parallelism);
        }
        return config;
    }
}
