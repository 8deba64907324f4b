package dev.flowlens.runtime.cli;

import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.validation.ParameterOverrides;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.runtime.api.FlowLens;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code flowlens validate WORKFLOW.json}: every issue with its node and field; exit 2 when there are errors. */
@Command(name = "validate", description = "Checks a workflow without running it.")
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    FlowLensCli cli;

    @Parameters(index = "0", paramLabel = "WORKFLOW.json", description = "The workflow file")
    Path workflowFile;

    @Option(names = {"-s", "--set"}, paramLabel = "NODE.PARAM=VALUE", description = "Check with this parameter override")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        Workflow workflow = WorkflowFiles.read(workflowFile);
        ParameterOverrides parsed = FlowLensCli.parseOverrides(overrides);
        PrintWriter out = cli.context().out();
        try (FlowLens flowLens = cli.open(dev.flowlens.runtime.api.RuntimeConfig.defaults().withParallelism(1))) {
            ParameterOverrides.Result applied = parsed.apply(workflow, flowLens.catalog());
            List<ValidationIssue> issues = new ArrayList<>(applied.issues());
            issues.addAll(flowLens.validate(applied.workflow()));
            long errors = issues.stream().filter(ValidationIssue::isError).count();
            String name = workflow.name().isBlank() ? workflowFile.getFileName().toString() : workflow.name();
            if (errors == 0) {
                out.println("Workflow \"" + name + "\" is valid: " + workflow.nodes().size() + " nodes, "
                        + workflow.edges().size() + " wires" + (issues.isEmpty() ? "" : ", " + issues.size() + " warnings"));
                IssuePrinter.print(out, issues);
                return FlowLensCli.EXIT_OK;
            }
            out.println("Workflow \"" + name + "\" is not valid: " + errors + (errors == 1 ? " error" : " errors"));
            IssuePrinter.print(out, issues);
            return FlowLensCli.EXIT_INVALID;
        }
    }
}
