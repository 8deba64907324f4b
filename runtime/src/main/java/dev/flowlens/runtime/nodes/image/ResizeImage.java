package dev.flowlens.runtime.nodes.image;

import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.value.ImageValue;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * Resizes an image: {@code fit} keeps the aspect ratio inside the box, {@code fill} keeps it and covers the
 * box (cropping the overflow, centred), {@code exact} stretches to the box.
 */
public final class ResizeImage implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("image.resize", "Resize", "image")
            .description("Scales an image to fit, fill or exactly match a box.")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to resize"))
            .param(ParamSpec.ChoiceParam.of("mode", "Mode", "fit", List.of("fit", "fill", "exact"),
                    "fit: inside the box, aspect kept; fill: covers the box, centre-cropped; exact: stretched"))
            .param(ParamSpec.IntParam.of("width", "Width", 256, 1, 16_384, "Box width in pixels"))
            .param(ParamSpec.IntParam.of("height", "Height", 256, 1, 16_384, "Box height in pixels"))
            .param(ParamSpec.BoolParam.of("upscale", "Enlarge small images", false,
                    "fit and fill: also enlarge images smaller than the box"))
            .output(OutputSpec.of("image", PortType.IMAGE, "The resized image"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) {
        ImageValue image = input.get("image", ImageValue.class);
        Params p = input.params();
        return Map.of("image", image.withImage(resize(image.image(), p.text("mode"), (int) p.integer("width"),
                (int) p.integer("height"), p.bool("upscale"))));
    }

    static BufferedImage resize(BufferedImage src, String mode, int boxW, int boxH, boolean upscale) {
        int w = src.getWidth();
        int h = src.getHeight();
        if (mode.equals("exact")) {
            return Pixels.scale(src, boxW, boxH);
        }
        double sx = boxW / (double) w;
        double sy = boxH / (double) h;
        double s = mode.equals("fill") ? Math.max(sx, sy) : Math.min(sx, sy);
        if (!upscale) {
            s = Math.min(s, 1.0);
        }
        int nw = Math.max(1, (int) Math.round(w * s));
        int nh = Math.max(1, (int) Math.round(h * s));
        BufferedImage scaled = Pixels.scale(src, nw, nh);
        if (mode.equals("fill") && (nw > boxW || nh > boxH)) {
            int cw = Math.min(nw, boxW);
            int ch = Math.min(nh, boxH);
            return Pixels.copy(scaled.getSubimage((nw - cw) / 2, (nh - ch) / 2, cw, ch));
        }
        return scaled;
    }
}
