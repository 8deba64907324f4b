package dev.flowlens.runtime.nodes.image;

import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.value.ImageValue;
import java.awt.image.BufferedImage;
import java.util.Map;

/** Converts an image to grey levels with the Rec. 601 luma weights; transparency is kept. */
public final class GrayscaleImage implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("image.grayscale", "Grayscale", "image")
            .description("Converts an image to shades of grey (luma, Rec. 601 weights).")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to convert"))
            .output(OutputSpec.of("image", PortType.IMAGE, "The grey image"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) {
        ImageValue image = input.get("image", ImageValue.class);
        return Map.of("image", image.withImage(gray(image.image())));
    }

    static BufferedImage gray(BufferedImage src) {
        BufferedImage rgb = Pixels.rgb(src);
        boolean alpha = rgb.getColorModel().hasAlpha();
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_BYTE_GRAY);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            rgb.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                int l = (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                row[x] = (p & 0xff000000) | (l << 16) | (l << 8) | l;
            }
            if (alpha) {
                out.setRGB(0, y, w, 1, row, 0, w);
            } else {
                // TYPE_BYTE_GRAY's setRGB converts through a linear colour space; write the levels directly.
                for (int x = 0; x < w; x++) {
                    out.getRaster().setSample(x, y, 0, row[x] & 0xff);
                }
            }
        }
        return out;
    }
}
