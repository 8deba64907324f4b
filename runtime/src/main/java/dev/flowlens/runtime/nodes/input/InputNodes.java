package dev.flowlens.runtime.nodes.input;

import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import java.util.List;

/** The "input" category. */
public final class InputNodes implements NodeProvider {
    @Override
    public List<NodeType> nodeTypes() {
        return List.of(new LoadImage(), new ImageFolder(), new LoadTable());
    }
}
