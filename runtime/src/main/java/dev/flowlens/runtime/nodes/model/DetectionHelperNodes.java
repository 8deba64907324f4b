package dev.flowlens.runtime.nodes.model;

import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.nodes.image.CropDetectionsNode;
import dev.flowlens.runtime.nodes.image.DrawDetectionsNode;
import dev.flowlens.runtime.nodes.image.RedactNode;
import java.util.List;

/**
 * The image-category helpers that make detections useful (draw, crop, redact). Registered here rather than
 * in the image category's provider so the model work can land without touching that provider.
 */
public final class DetectionHelperNodes implements NodeProvider {
    @Override
    public List<NodeType> nodeTypes() {
        return List.of(new DrawDetectionsNode(), new CropDetectionsNode(), new RedactNode());
    }
}
