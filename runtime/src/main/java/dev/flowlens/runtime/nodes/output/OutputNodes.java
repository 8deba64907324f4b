package dev.flowlens.runtime.nodes.output;

import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import java.util.List;

/** The "output" category. */
public final class OutputNodes implements NodeProvider {
    @Override
    public List<NodeType> nodeTypes() {
        return List.of(new WriteCsv(), new WriteJson(), new CopyFiles(), new Preview());
    }
}
