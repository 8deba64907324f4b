package dev.flowlens.runtime.nodes.model;

import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import java.util.List;

/** The model category: nodes that run pretrained models from the model store. */
public final class ModelNodes implements NodeProvider {
    @Override
    public List<NodeType> nodeTypes() {
        return List.of(new OcrNode(), new DetectFacesNode(), new ClassifyNode(), new DetectObjectsNode());
    }
}
