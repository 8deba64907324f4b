package dev.flowlens.runtime.nodes.output;

import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeFlag;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import java.util.Map;

/**
 * Keeps a value so the app can show it (an image, a table, JSON, a list of them). It writes nothing; being
 * an output node is what makes a run compute the branch that leads to it.
 */
public final class Preview implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("output.preview", "Preview", "output")
            .description("Shows a value in the app: image, table, text or JSON.")
            .input(InputSpec.required("value", PortType.ANY, "What to show"))
            .param(ParamSpec.TextParam.of("title", "Title", "", "A caption for the preview"))
            .output(OutputSpec.of("value", PortType.ANY, "The same value, unchanged"))
            .flag(NodeFlag.OUTPUT)
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) {
        return Map.of("value", input.get("value", Object.class));
    }
}
