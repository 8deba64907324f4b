package dev.flowlens.runtime.nodes.image;

import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import java.util.List;

/** The "image" category. */
public final class ImageNodes implements NodeProvider {
    @Override
    public List<NodeType> nodeTypes() {
        return List.of(new CheckImage(), new ResizeImage(), new CropImage(), new RotateImage(), new GrayscaleImage(),
                new InspectImage(), new EncodeImage());
    }
}
