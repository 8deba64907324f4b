package dev.flowlens.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeFlag;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RuntimeConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code flowlens nodes [--json]}: the node catalogue, read from the specs. */
@Command(name = "nodes", description = "Lists the node types this FlowLens knows.")
final class NodesCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParentCommand
    FlowLensCli cli;

    @Option(names = "--json", description = "Print the full specs as JSON (ports, parameters, defaults, bounds)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = cli.context().out();
        try (FlowLens flowLens = cli.open(RuntimeConfig.defaults().withParallelism(1))) {
            List<NodeSpec> specs = flowLens.catalog().specs();
            if (json) {
                ArrayNode all = MAPPER.createArrayNode();
                specs.forEach(s -> all.add(toJson(s)));
                out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(all));
                return FlowLensCli.EXIT_OK;
            }
            int width = specs.stream().mapToInt(s -> s.typeId().length()).max().orElse(4);
            String category = null;
            for (NodeSpec s : specs) {
                if (!s.category().equals(category)) {
                    category = s.category();
                    out.println(category);
                }
                out.println("  " + pad(s.typeId(), width) + "  " + s.displayName() + "  ("
                        + ports(s.inputs().stream().map(i -> i.name() + ": " + i.type().id()).toList()) + " -> "
                        + ports(s.outputs().stream().map(o -> o.name() + ": " + o.type().id()).toList()) + ")");
            }
            out.println(specs.size() + " node types");
            return FlowLensCli.EXIT_OK;
        }
    }

    private static String ports(List<String> names) {
        return names.isEmpty() ? "-" : String.join(", ", names);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    static ObjectNode toJson(NodeSpec s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("type", s.typeId());
        o.put("version", s.version());
        o.put("displayName", s.displayName());
        o.put("category", s.category());
        o.put("description", s.description());
        ArrayNode inputs = o.putArray("inputs");
        for (InputSpec i : s.inputs()) {
            inputs.addObject().put("name", i.name()).put("type", i.type().id()).put("required", i.required())
                    .put("description", i.description());
        }
        ArrayNode outputs = o.putArray("outputs");
        for (OutputSpec out : s.outputs()) {
            outputs.addObject().put("name", out.name()).put("type", out.type().id()).put("description", out.description());
        }
        ArrayNode params = o.putArray("params");
        for (ParamSpec p : s.params()) {
            ObjectNode x = params.addObject();
            x.put("name", p.name());
            x.put("kind", p.kind());
            x.put("label", p.label());
            x.put("required", p.required());
            x.put("description", p.description());
            p.defaultValue().ifPresentOrElse(v -> x.set("default", WorkflowCodec.valueToJson(v)), () -> x.putNull("default"));
            if (p instanceof ParamSpec.IntParam i) {
                x.put("min", i.min()).put("max", i.max());
            } else if (p instanceof ParamSpec.NumberParam n) {
                x.put("min", n.min()).put("max", n.max());
            } else if (p instanceof ParamSpec.ChoiceParam c) {
                ArrayNode choices = x.putArray("choices");
                c.choices().forEach(choices::add);
            } else if (p instanceof ParamSpec.PathParam path) {
                x.put("mustExist", path.mustExist());
            }
        }
        ArrayNode flags = o.putArray("flags");
        s.flags().stream().map(NodeFlag::name).sorted().map(f -> f.toLowerCase(Locale.ROOT)).forEach(flags::add);
        return o;
    }
}
