package dev.flowlens.runtime.nodes.eval;

import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import java.util.List;

/** The "eval" category. */
public final class EvalNodes implements NodeProvider {
    @Override
    public List<NodeType> nodeTypes() {
        return List.of(new CompareLabels());
    }
}
