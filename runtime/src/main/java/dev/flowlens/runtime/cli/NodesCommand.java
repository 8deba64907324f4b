package dev.flowlens.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.NodeSpecJson;
import dev.flowlens.runtime.api.RuntimeConfig;
import java.io.PrintWriter;
import java.util.List;
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
                // The same shape as the HTTP API's GET /api/nodes.
                out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(NodeSpecJson.toJson(flowLens.catalog())));
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
}
