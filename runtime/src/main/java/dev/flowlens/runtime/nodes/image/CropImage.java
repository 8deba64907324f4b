package dev.flowlens.runtime.nodes.image;

import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.value.ImageValue;
import java.util.Map;

/** Cuts a rectangle out of an image, at a position or centred. */
public final class CropImage implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("image.crop", "Crop", "image")
            .description("Cuts a rectangle out of an image.")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to crop"))
            .param(ParamSpec.IntParam.of("x", "Left", 0, 0, 65_535, "Left edge in pixels (ignored when centred)"))
            .param(ParamSpec.IntParam.of("y", "Top", 0, 0, 65_535, "Top edge in pixels (ignored when centred)"))
            .param(ParamSpec.IntParam.of("width", "Width", 256, 1, 65_535, "In pixels"))
            .param(ParamSpec.IntParam.of("height", "Height", 256, 1, 65_535, "In pixels"))
            .param(ParamSpec.BoolParam.of("center", "Centred", false, "Cut the rectangle from the image's centre"))
            .param(ParamSpec.BoolParam.of("clamp", "Clamp to image", false,
                    "Shrink a rectangle that reaches outside the image instead of failing"))
            .output(OutputSpec.of("image", PortType.IMAGE, "The cropped image"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        ImageValue image = input.get("image", ImageValue.class);
        Params p = input.params();
        int iw = image.width();
        int ih = image.height();
        int w = (int) p.integer("width");
        int h = (int) p.integer("height");
        int x = p.bool("center") ? (iw - w) / 2 : (int) p.integer("x");
        int y = p.bool("center") ? (ih - h) / 2 : (int) p.integer("y");
        if (p.bool("clamp")) {
            x = Math.max(0, Math.min(x, iw - 1));
            y = Math.max(0, Math.min(y, ih - 1));
            w = Math.min(w, iw - x);
            h = Math.min(h, ih - y);
        }
        if (x < 0 || y < 0 || x + w > iw || y + h > ih) {
            throw new NodeFailure(image.name() + ": the crop " + w + "x" + h + " at (" + Math.max(x, 0) + ", "
                    + Math.max(y, 0) + ") reaches outside the image, which is " + iw + "x" + ih
                    + "; make it smaller or turn on clamp");
        }
        return Map.of("image", image.withImage(Pixels.copy(image.image().getSubimage(x, y, w, h))));
    }
}
