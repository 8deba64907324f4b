package dev.flowlens.runtime.nodes.image;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.value.ImageValue;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;

/**
 * Measures an image: size, orientation, mean colour, brightness and colourfulness (Hasler and Suesstrunk,
 * 2003), and whether it is grey or in colour. The answer is JSON, ready for a report row.
 */
public final class InspectImage implements NodeType {
    /** Statistics are taken on at most about this many pixels (an even grid), which is plenty for means. */
    private static final int SAMPLE_PIXELS = 1 << 20;

    private static final NodeSpec SPEC = NodeSpec.builder("image.inspect", "Inspect image", "image")
            .description("Size, orientation, mean colour, colourfulness and grey/colour mode of an image.")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to measure"))
            .param(ParamSpec.NumberParam.of("square_tolerance", "Square tolerance", 0.02, 0, 0.5,
                    "Width and height within this fraction of each other count as square"))
            .param(ParamSpec.NumberParam.of("gray_threshold", "Grey threshold", 5, 0, 100,
                    "Colourfulness below this counts as grayscale (0: perfectly grey; photos are usually 20-100)"))
            .output(OutputSpec.of("info", PortType.JSON,
                    "name, width, height, orientation, aspect_ratio, mean_color, brightness, colorfulness, mode"))
            .output(OutputSpec.of("orientation", PortType.TEXT, "landscape, portrait or square"))
            .output(OutputSpec.of("mode", PortType.TEXT, "grayscale or color"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) {
        ImageValue image = input.get("image", ImageValue.class);
        int w = image.width();
        int h = image.height();
        String orientation = orientation(w, h, input.params().number("square_tolerance"));
        Stats s = measure(image.image());
        String mode = s.colorfulness < input.params().number("gray_threshold") ? "grayscale" : "color";
        ObjectNode info = JsonNodeFactory.instance.objectNode()
                .put("name", image.name())
                .put("width", w)
                .put("height", h)
                .put("orientation", orientation)
                .put("aspect_ratio", round(w / (double) h, 3))
                .put("mean_color", String.format(Locale.ROOT, "#%02x%02x%02x",
                        Math.round(s.meanR), Math.round(s.meanG), Math.round(s.meanB)))
                .put("mean_red", round(s.meanR, 1))
                .put("mean_green", round(s.meanG, 1))
                .put("mean_blue", round(s.meanB, 1))
                .put("brightness", round(s.brightness, 1))
                .put("colorfulness", round(s.colorfulness, 1))
                .put("mode", mode);
        return Map.of("info", info, "orientation", orientation, "mode", mode);
    }

    static String orientation(int w, int h, double tolerance) {
        if (Math.abs(w - h) <= tolerance * Math.max(w, h)) {
            return "square";
        }
        return w > h ? "landscape" : "portrait";
    }

    private record Stats(double meanR, double meanG, double meanB, double brightness, double colorfulness) {
    }

    private static Stats measure(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] samples = new int[w];
        int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) w * h / SAMPLE_PIXELS)));
        double sr = 0;
        double sg = 0;
        double sb = 0;
        double srg = 0;
        double syb = 0;
        double srg2 = 0;
        double syb2 = 0;
        long n = 0;
        int[] row = new int[w];
        for (int y = 0; y < h; y += step) {
            Pixels.row(image, y, samples, row);
            for (int x = 0; x < w; x += step) {
                int p = row[x];
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                double rg = r - g;
                double yb = 0.5 * (r + g) - b;
                sr += r;
                sg += g;
                sb += b;
                srg += rg;
                syb += yb;
                srg2 += rg * rg;
                syb2 += yb * yb;
                n++;
            }
        }
        double mr = sr / n;
        double mg = sg / n;
        double mb = sb / n;
        double mrg = srg / n;
        double myb = syb / n;
        double varRg = Math.max(0, srg2 / n - mrg * mrg);
        double varYb = Math.max(0, syb2 / n - myb * myb);
        double colorfulness = Math.sqrt(varRg + varYb) + 0.3 * Math.sqrt(mrg * mrg + myb * myb);
        double brightness = 0.299 * mr + 0.587 * mg + 0.114 * mb;
        return new Stats(mr, mg, mb, brightness, colorfulness);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
