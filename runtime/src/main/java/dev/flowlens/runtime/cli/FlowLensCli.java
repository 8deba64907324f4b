package dev.flowlens.runtime.cli;

import dev.flowlens.core.validation.ParameterOverrides;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RuntimeConfig;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code flowlens} command. Subcommands are listed in {@link #SUBCOMMANDS}: adding one is a class with
 * {@code @Command} (in this package or a subpackage: only the CLI may touch the console) plus one line there.
 * A subcommand reaches the console and the runtime through {@code @ParentCommand FlowLensCli cli}
 * ({@link #context()}, {@link #open(RuntimeConfig)}), shares {@code @Mixin RuntimeOptions} for
 * {@code --data}/{@code --parallelism}, reads files with {@link WorkflowFiles#read}, prints with
 * {@link SummaryPrinter}/{@link IssuePrinter}, and signals a problem the user can fix by throwing
 * {@link UserError} with an exit code.
 *
 * <p>Exit codes: {@value #EXIT_OK} every node and item succeeded; {@value #EXIT_FAILED} some node or item
 * failed; {@value #EXIT_INVALID} invalid workflow, unreadable file or wrong usage; {@value #EXIT_CANCELLED}
 * the run was interrupted (Ctrl-C).
 */
@Command(name = "flowlens", mixinStandardHelpOptions = true, versionProvider = FlowLensCli.Version.class,
        description = "Runs, checks and lists FlowLens image-AI workflows.",
        synopsisSubcommandLabel = "COMMAND")
public final class FlowLensCli implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_INVALID = 2;
    public static final int EXIT_CANCELLED = 130;

    /** Every subcommand, in the order {@code flowlens --help} lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            RunCommand.class,
            ValidateCommand.class,
            NodesCommand.class,
            VlmCommand.class,
            ScheduleCommand.class,
            ServiceCommand.class,
            ServeCommand.class,
            ModelsCommand.class,
            CommandLine.HelpCommand.class);

    private static final Logger LOG = LoggerFactory.getLogger(FlowLensCli.class);

    private final CliContext context;

    @Spec
    CommandSpec spec;

    FlowLensCli(CliContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        CliContext console = CliContext.system();
        int code = execute(console, args);
        console.out().flush();
        console.err().flush();
        System.exit(code);
    }

    /** Runs one command line in this process and returns its exit code. */
    public static int execute(CliContext context, String... args) {
        return commandLine(context).execute(args);
    }

    /** The configured command line, for callers that want to add subcommands or inspect it. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine cl = new CommandLine(new FlowLensCli(context));
        for (Class<?> sub : SUBCOMMANDS) {
            cl.addSubcommand(sub);
        }
        cl.setOut(context.out());
        cl.setErr(context.err());
        // picocli already answers wrong usage with exit code 2 (EXIT_INVALID), after the message and the usage.
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserError u) {
                context.err().println(u.getMessage());
                context.err().flush();
                return u.exitCode();
            }
            LOG.debug("command failed", e);
            context.err().println("flowlens: internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + " (FLOWLENS_LOG_LEVEL=debug shows the details)");
            context.err().flush();
            return EXIT_FAILED;
        });
        return cl;
    }

    public CliContext context() {
        return context;
    }

    /** A runtime for a command; the command closes it. */
    public FlowLens open(RuntimeConfig config) {
        return context.opener().apply(config);
    }

    /** Parses {@code --set node.param=value} options; a malformed one is a usage error (exit 2). */
    public static ParameterOverrides parseOverrides(List<String> assignments) {
        try {
            return ParameterOverrides.parse(assignments);
        } catch (IllegalArgumentException e) {
            throw new UserError("--set: " + e.getMessage(), EXIT_INVALID);
        }
    }

    /** {@code flowlens} alone shows the usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(context.out());
        return EXIT_INVALID;
    }

    /** The version the jar's manifest names, or "development build" when running from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FlowLensCli.class.getPackage().getImplementationVersion();
            return new String[] {"FlowLens " + (v == null ? "development build" : v)};
        }
    }
}
