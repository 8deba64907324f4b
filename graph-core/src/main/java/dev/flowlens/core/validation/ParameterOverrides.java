package dev.flowlens.core.validation;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.ParamSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Parameter overrides for one run, written {@code node.param=value} (the CLI's {@code --set}, a schedule's
 * overrides, the HTTP API's {@code "set"}). Values are typed by the parameter's spec, so the same text works
 * everywhere.
 */
public final class ParameterOverrides {
    private final Map<String, String> entries;

    private ParameterOverrides(Map<String, String> entries) {
        // Keep the order they were given in: issues and the run history list them the way the user wrote them.
        Map<String, String> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "override key"),
                Objects.requireNonNull(v, "override value")));
        this.entries = Collections.unmodifiableMap(copy);
    }

    public static ParameterOverrides none() {
        return new ParameterOverrides(Map.of());
    }

    /** From a map of {@code "node.param"} to the value's text; a malformed key is reported by {@link #apply}. */
    public static ParameterOverrides of(Map<String, String> entries) {
        return new ParameterOverrides(new LinkedHashMap<>(entries));
    }

    /** From {@code node.param=value} strings; a malformed one throws with the expected form. */
    public static ParameterOverrides parse(List<String> assignments) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq < 0 || !wellFormed(a.substring(0, eq))) {
                throw new IllegalArgumentException("expected node.param=value, got \"" + a + "\"");
            }
            map.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return new ParameterOverrides(map);
    }

    public Map<String, String> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The overrides as they may be shown or stored: secret parameters show their reference only. */
    public Map<String, String> redacted(Workflow workflow, NodeCatalog catalog) {
        Map<String, String> out = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            boolean secret = target(key, workflow, catalog).map(p -> p instanceof ParamSpec.SecretParam).orElse(false);
            out.put(key, secret ? "(secret reference)" : value);
        });
        return out;
    }

    /** A key {@code node.param}: something before the first dot and something after it. */
    private static boolean wellFormed(String key) {
        int dot = key.indexOf('.');
        return dot > 0 && dot < key.length() - 1;
    }

    private static Optional<ParamSpec> target(String key, Workflow workflow, NodeCatalog catalog) {
        if (!wellFormed(key)) {
            return Optional.empty();
        }
        int dot = key.indexOf('.');
        return workflow.node(key.substring(0, dot))
                .flatMap(n -> catalog.find(n.type()))
                .flatMap(s -> s.param(key.substring(dot + 1)));
    }

    /** The workflow with the overrides applied, or the reasons it cannot be. */
    public Result apply(Workflow workflow, NodeCatalog catalog) {
        List<ValidationIssue> issues = new ArrayList<>();
        Workflow result = workflow;
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String key = e.getKey();
            if (!wellFormed(key)) {
                issues.add(ValidationIssue.error(null, key, IssueCode.BAD_OVERRIDE,
                        "Override \"" + key + "\": expected node.param, such as resize.width"));
                continue;
            }
            int dot = key.indexOf('.');
            String nodeText = key.substring(0, dot);
            String paramName = key.substring(dot + 1);
            Optional<NodeInstance> node = result.node(nodeText);
            if (node.isEmpty()) {
                issues.add(ValidationIssue.error(null, key, IssueCode.BAD_OVERRIDE,
                        "Override " + key + ": there is no node \"" + nodeText + "\"" + (workflow.nodes().isEmpty()
                                ? "; the workflow has no nodes"
                                : "; nodes are " + String.join(", ",
                                        workflow.nodes().stream().map(n -> n.id().value()).toList()))));
                continue;
            }
            Optional<NodeSpec> spec = catalog.find(node.get().type());
            Optional<ParamSpec> param = spec.flatMap(s -> s.param(paramName));
            NodeId id = node.get().id();
            if (spec.isEmpty()) {
                issues.add(ValidationIssue.error(id, paramName, IssueCode.BAD_OVERRIDE,
                        "Override " + key + ": node " + id + " has the unknown type \"" + node.get().type()
                                + "\", so its parameters are not known"));
                continue;
            }
            if (param.isEmpty()) {
                issues.add(ValidationIssue.error(id, paramName, IssueCode.BAD_OVERRIDE,
                        "Override " + key + ": " + WorkflowValidator.shortName(node.get(), spec.get())
                                + " has no parameter \"" + paramName + "\"; it has "
                                + (spec.get().params().isEmpty() ? "none"
                                : String.join(", ", spec.get().params().stream().map(ParamSpec::name).toList()))));
                continue;
            }
            try {
                ParamValue value = param.get().parse(e.getValue());
                result = result.withNode(node.get().withParam(paramName, value));
            } catch (IllegalArgumentException ex) {
                issues.add(ValidationIssue.error(id, paramName, IssueCode.BAD_OVERRIDE,
                        "Override " + key + ": " + ex.getMessage()));
            }
        }
        return new Result(result, issues);
    }

    public record Result(Workflow workflow, List<ValidationIssue> issues) {
        public Result {
            issues = List.copyOf(issues);
        }

        public boolean ok() {
            return issues.isEmpty();
        }
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
