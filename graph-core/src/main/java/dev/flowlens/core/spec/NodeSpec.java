package dev.flowlens.core.spec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the editor, the validator and the executor know about a node type, without running it.
 * {@code version} goes into cache keys: bump it when the node's behaviour changes.
 */
public record NodeSpec(String typeId, int version, String displayName, String category, String description,
                       List<InputSpec> inputs, List<OutputSpec> outputs, List<ParamSpec> params, Set<NodeFlag> flags) {

    public NodeSpec {
        Names.requireTypeId(typeId);
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(category, "category");
        description = description == null ? "" : description;
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        params = List.copyOf(params);
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        if (version < 1) {
            throw new IllegalArgumentException(typeId + ": version starts at 1");
        }
        Set<String> seen = new HashSet<>();
        inputs.forEach(i -> requireUnique(typeId, seen, i.name()));
        params.forEach(p -> requireUnique(typeId, seen, p.name()));
        Set<String> outs = new HashSet<>();
        outputs.forEach(o -> requireUnique(typeId, outs, o.name()));
        if (flags.contains(NodeFlag.FLAGS_ITEMS) && outputs.stream().noneMatch(
                o -> o.name().equals(FLAGGED_OUTPUT) && o.type().equals(dev.flowlens.core.type.PortType.TABLE))) {
            throw new IllegalArgumentException(typeId + ": a node that flags items needs a Table output named \""
                    + FLAGGED_OUTPUT + "\"");
        }
    }

    /** The output whose rows are the run's flagged items, on node types with {@link NodeFlag#FLAGS_ITEMS}. */
    public static final String FLAGGED_OUTPUT = "flagged";

    private static void requireUnique(String typeId, Set<String> seen, String name) {
        if (!seen.add(name)) {
            throw new IllegalArgumentException(typeId + ": \"" + name + "\" is declared twice (inputs and parameters share names)");
        }
    }

    public static Builder builder(String typeId, String displayName, String category) {
        return new Builder(typeId, displayName, category);
    }

    public Optional<InputSpec> input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Optional<OutputSpec> output(String name) {
        return outputs.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    public Optional<ParamSpec> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public boolean isOutputNode() {
        return flags.contains(NodeFlag.OUTPUT);
    }

    public boolean flagsItems() {
        return flags.contains(NodeFlag.FLAGS_ITEMS);
    }

    public boolean isDeterministic() {
        return !flags.contains(NodeFlag.NON_DETERMINISTIC);
    }

    /** Builds a spec in the order a reader scans it: identity, ports, parameters, flags. */
    public static final class Builder {
        private final String typeId;
        private final String displayName;
        private final String category;
        private int version = 1;
        private String description = "";
        private final List<InputSpec> inputs = new ArrayList<>();
        private final List<OutputSpec> outputs = new ArrayList<>();
        private final List<ParamSpec> params = new ArrayList<>();
        private final Set<NodeFlag> flags = EnumSet.noneOf(NodeFlag.class);

        private Builder(String typeId, String displayName, String category) {
            this.typeId = typeId;
            this.displayName = displayName;
            this.category = category;
        }

        public Builder version(int v) {
            this.version = v;
            return this;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder input(InputSpec input) {
            inputs.add(input);
            return this;
        }

        public Builder output(OutputSpec output) {
            outputs.add(output);
            return this;
        }

        public Builder param(ParamSpec param) {
            params.add(param);
            return this;
        }

        public Builder flag(NodeFlag flag) {
            flags.add(flag);
            return this;
        }

        public NodeSpec build() {
            return new NodeSpec(typeId, version, displayName, category, description, inputs, outputs, params, flags);
        }
    }
}
