package dev.flowlens.runtime.nodes.image;

import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.io.ImageTransforms;
import java.util.List;
import java.util.Map;

/** Turns an image by a multiple of 90 degrees clockwise, then optionally mirrors it; lossless. */
public final class RotateImage implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("image.rotate", "Rotate / flip", "image")
            .description("Turns an image by 0, 90, 180 or 270 degrees clockwise and optionally mirrors it.")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to turn"))
            .param(ParamSpec.ChoiceParam.of("angle", "Angle (clockwise)", "90", List.of("0", "90", "180", "270"),
                    "Degrees, clockwise"))
            .param(ParamSpec.ChoiceParam.of("flip", "Mirror", "none", List.of("none", "horizontal", "vertical"),
                    "Applied after turning: horizontal swaps left and right"))
            .output(OutputSpec.of("image", PortType.IMAGE, "The turned image"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) {
        ImageValue image = input.get("image", ImageValue.class);
        int angle = Integer.parseInt(input.params().text("angle"));
        String flip = input.params().text("flip");
        return Map.of("image", image.withImage(ImageTransforms.rotate(image.image(), angle, flip)));
    }
}
