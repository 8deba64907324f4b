package dev.flowlens.runtime.cli;

import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RuntimeConfig;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * What commands print to and how they start a runtime. The real one talks to the console; tests pass string
 * writers and their own runtime factory, and run the whole CLI in-process.
 *
 * @param out         results, progress, summaries, JSON
 * @param err         problems and usage
 * @param interactive whether {@code out} is a terminal that can redraw lines
 * @param opener      starts a runtime for a configuration ({@link FlowLens#open} outside tests)
 */
public record CliContext(PrintWriter out, PrintWriter err, boolean interactive, Function<RuntimeConfig, FlowLens> opener) {
    public CliContext {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(opener, "opener");
    }

    /** The process console: a terminal when there is one. */
    public static CliContext system() {
        boolean tty = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return new CliContext(new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), tty,
                FlowLens::open);
    }
}
