package dev.flowlens.runtime.cli;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.validation.ParameterOverrides;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RunHandle;
import dev.flowlens.runtime.api.RunListener;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.api.Trigger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code flowlens run WORKFLOW.json}: runs a workflow with live progress (or JSON lines), prints a summary and
 * exits 0 when everything succeeded, 1 when a node or item failed, 2 when the workflow is invalid.
 */
@Command(name = "run", description = "Runs a workflow and reports every node's result.")
final class RunCommand implements Callable<Integer> {
    enum EventFormat { jsonl }

    @ParentCommand
    FlowLensCli cli;

    @Mixin
    RuntimeOptions runtime;

    @Parameters(index = "0", paramLabel = "WORKFLOW.json", description = "The workflow file")
    Path workflowFile;

    @Option(names = {"-s", "--set"}, paramLabel = "NODE.PARAM=VALUE",
            description = "Override a parameter for this run, e.g. --set resize.width=512 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Output folder for this run. Default: flowlens-out/<run id> next to the workflow file")
    Path outputFolder;

    @Option(names = "--events", paramLabel = "FORMAT",
            description = "Write every run event to stdout as one JSON object per line (${COMPLETION-CANDIDATES})")
    EventFormat events;

    @Option(names = "--up-to", paramLabel = "NODE", description = "Run only this node and what it needs (repeatable)")
    List<String> upTo = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Workflow workflow = WorkflowFiles.read(workflowFile);
        ParameterOverrides parsed = FlowLensCli.parseOverrides(overrides);
        Set<NodeId> targets = new LinkedHashSet<>();
        for (String id : upTo) {
            if (workflow.node(id).isEmpty()) {
                throw new UserError("--up-to " + id + ": there is no node \"" + id + "\" in " + workflowFile,
                        FlowLensCli.EXIT_INVALID);
            }
            targets.add(NodeId.of(id));
        }
        CliContext io = cli.context();
        RunRequest request = RunRequest.of(workflow)
                .withWorkflowFile(workflowFile.toAbsolutePath())
                .withOverrides(parsed)
                .withOutputFolder(outputFolder == null ? null : outputFolder.toAbsolutePath())
                .withTrigger(Trigger.cli())
                .withRunUpTo(targets);
        RunListener view;
        if (events == EventFormat.jsonl) {
            view = new JsonLinesView(io.out());
        } else if (io.interactive()) {
            view = new LiveProgressView(io.out());
        } else {
            view = new PlainProgressView(io.out());
        }
        try (FlowLens flowLens = cli.open(runtime.toConfig())) {
            RunHandle handle = flowLens.start(request, view);
            Thread onInterrupt = new Thread(() -> {
                handle.cancel();
                try {
                    handle.completion().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // Leaving anyway: the user asked to stop.
                }
            }, "flowlens-cancel-on-interrupt");
            boolean hooked = addShutdownHook(onInterrupt);
            RunSummary summary;
            try {
                summary = handle.completion().join();
            } finally {
                if (hooked) {
                    removeShutdownHook(onInterrupt);
                }
            }
            SummaryPrinter.print(events == EventFormat.jsonl ? io.err() : io.out(), summary);
            io.out().flush();
            io.err().flush();
            return exitCode(summary);
        }
    }

    /** The process exit code for how a run ended. */
    static int exitCode(RunSummary summary) {
        return switch (summary.status()) {
            case SUCCEEDED -> FlowLensCli.EXIT_OK;
            case INVALID -> FlowLensCli.EXIT_INVALID;
            case CANCELLED -> FlowLensCli.EXIT_CANCELLED;
            case FAILED, INTERRUPTED -> FlowLensCli.EXIT_FAILED;
        };
    }

    private static boolean addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false; // already shutting down
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down and the hook is running; nothing to undo.
        }
    }
}
