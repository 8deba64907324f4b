package dev.flowlens.runtime.nodes.data;

import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import java.util.List;

/** The "data" category. */
public final class DataNodes implements NodeProvider {
    @Override
    public List<NodeType> nodeTypes() {
        return List.of(new TextTemplate(), new JsonParse(), new JsonExtract(), new MergeRow(), new ToTable(),
                new FilterRows(), new FlagRows(), new SelectColumns());
    }
}
