package dev.flowlens.runtime.cli;

import dev.flowlens.runtime.scheduler.ScheduleStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand that works on the data folder's database ({@code schedule …}, {@code runs …}, {@code alert …}):
 * opens the store from {@code --data}/{@code --db}, runs the body, closes the store, and turns a store or
 * usage problem into one line ("flowlens runs show: no run abc") and exit code 2.
 */
abstract class StoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ScheduleStore s = ScheduleStore.open(store.location())) {
            return run(s, out, err);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println(commandName() + ": " + e.getMessage());
            return FlowLensCli.EXIT_INVALID;
        } finally {
            out.flush();
            err.flush();
        }
    }

    abstract int run(ScheduleStore store, PrintWriter out, PrintWriter err);

    /** "flowlens schedule add". */
    private String commandName() {
        return "flowlens " + (spec.parent() == null ? "" : spec.parent().name() + " ") + spec.name();
    }
}
