package dev.flowlens.runtime.nodes.vlm;

import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import java.util.List;

/** The vlm category. */
public final class VlmNodes implements NodeProvider {
    @Override
    public List<NodeType> nodeTypes() {
        return List.of(new AskVisionModel());
    }
}
