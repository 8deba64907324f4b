package dev.flowlens.runtime.api;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.validation.ParameterOverrides;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One run to do: a workflow with overrides, where it came from (relative input paths resolve against the
 * workflow file's folder), where outputs go, who asked, and optionally the nodes to run up to.
 */
public record RunRequest(Workflow workflow, Path workflowFile, ParameterOverrides overrides, Path outputFolder,
                         Trigger trigger, Set<NodeId> runUpTo, Instant lastSuccessfulRun) {
    public RunRequest {
        Objects.requireNonNull(workflow, "workflow");
        overrides = overrides == null ? ParameterOverrides.none() : overrides;
        trigger = trigger == null ? Trigger.cli() : trigger;
        runUpTo = runUpTo == null ? Set.of() : Set.copyOf(runUpTo);
    }

    public static RunRequest of(Workflow workflow) {
        return new RunRequest(workflow, null, null, null, null, null, null);
    }

    public RunRequest withWorkflowFile(Path file) {
        return new RunRequest(workflow, file, overrides, outputFolder, trigger, runUpTo, lastSuccessfulRun);
    }

    public RunRequest withOverrides(ParameterOverrides o) {
        return new RunRequest(workflow, workflowFile, o, outputFolder, trigger, runUpTo, lastSuccessfulRun);
    }

    public RunRequest withOutputFolder(Path folder) {
        return new RunRequest(workflow, workflowFile, overrides, folder, trigger, runUpTo, lastSuccessfulRun);
    }

    public RunRequest withTrigger(Trigger t) {
        return new RunRequest(workflow, workflowFile, overrides, outputFolder, t, runUpTo, lastSuccessfulRun);
    }

    public RunRequest withRunUpTo(Set<NodeId> nodes) {
        return new RunRequest(workflow, workflowFile, overrides, outputFolder, trigger, nodes, lastSuccessfulRun);
    }

    public RunRequest withLastSuccessfulRun(Instant when) {
        return new RunRequest(workflow, workflowFile, overrides, outputFolder, trigger, runUpTo, when);
    }

    public Optional<Path> workflowFileOpt() {
        return Optional.ofNullable(workflowFile);
    }

    public Optional<Instant> lastSuccessfulRunOpt() {
        return Optional.ofNullable(lastSuccessfulRun);
    }
}
