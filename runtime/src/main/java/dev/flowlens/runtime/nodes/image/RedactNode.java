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
import dev.flowlens.runtime.value.Detection;
import dev.flowlens.runtime.value.Detections;
import dev.flowlens.runtime.value.ImageValue;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * Hides detected regions (faces before publishing, licence plates, names): pixelate, blur or fill. The
 * blur is strong on purpose (box blur repeated three times, radius a quarter of the box), so a face is not
 * recognisable afterwards.
 */
public final class RedactNode implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("image.redact", "Redact regions", "image")
            .description("Blurs, pixelates or fills every detected box on a copy of the image.")
            .input(InputSpec.required("image", PortType.IMAGE, "The image the detections were found in"))
            .input(InputSpec.required("detections", PortType.DETECTIONS, "Regions to hide"))
            .output(OutputSpec.of("image", PortType.IMAGE, "A copy with the regions hidden"))
            .output(OutputSpec.of("redacted", PortType.INTEGER, "How many regions were hidden"))
            .param(ParamSpec.ChoiceParam.of("mode", "Mode", "blur", List.of("blur", "pixelate", "fill"),
                    "blur: strong blur; pixelate: coarse blocks; fill: a solid black box"))
            .param(ParamSpec.NumberParam.of("padding", "Padding (%)", 15, 0, 100,
                    "Grow each box by this share of its size on every side (hair, ears)"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        ImageValue image = input.get("image", ImageValue.class);
        Detections detections = input.get("detections", Detections.class);
        DetectionGeometry.checkSameImage(image, detections, context);
        String mode = input.params().text("mode");
        double padding = input.params().number("padding");
        BufferedImage out = DetectionGeometry.copyRgb(image.image());
        long count = 0;
        for (Detection d : detections.items()) {
            Rectangle r = DetectionGeometry.box(d, padding, out.getWidth(), out.getHeight());
            if (r.width == 0 || r.height == 0) {
                continue;
            }
            switch (mode) {
                case "fill" -> fill(out, r);
                case "pixelate" -> pixelate(out, r);
                default -> blur(out, r);
            }
            count++;
        }
        return Map.of("image", image.withImage(out), "redacted", count);
    }

    private static void fill(BufferedImage img, Rectangle r) {
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLACK);
        g.fill(r);
        g.dispose();
    }

    private static void pixelate(BufferedImage img, Rectangle r) {
        int block = Math.max(4, Math.max(r.width, r.height) / 8);
        for (int by = r.y; by < r.y + r.height; by += block) {
            for (int bx = r.x; bx < r.x + r.width; bx += block) {
                int bw = Math.min(block, r.x + r.width - bx);
                int bh = Math.min(block, r.y + r.height - by);
                long sr = 0;
                long sg = 0;
                long sb = 0;
                long sa = 0;
                for (int y = by; y < by + bh; y++) {
                    for (int x = bx; x < bx + bw; x++) {
                        int p = img.getRGB(x, y);
                        sa += (p >>> 24) & 0xff;
                        sr += (p >> 16) & 0xff;
                        sg += (p >> 8) & 0xff;
                        sb += p & 0xff;
                    }
                }
                int n = bw * bh;
                int avg = (int) (sa / n) << 24 | (int) (sr / n) << 16 | (int) (sg / n) << 8 | (int) (sb / n);
                for (int y = by; y < by + bh; y++) {
                    for (int x = bx; x < bx + bw; x++) {
                        img.setRGB(x, y, avg);
                    }
                }
            }
        }
    }

    private static void blur(BufferedImage img, Rectangle r) {
        int[] px = img.getRGB(r.x, r.y, r.width, r.height, null, 0, r.width);
        int radius = Math.max(2, Math.min(r.width, r.height) / 4);
        for (int pass = 0; pass < 3; pass++) {
            px = boxBlur(px, r.width, r.height, radius, true);
            px = boxBlur(px, r.width, r.height, radius, false);
        }
        img.setRGB(r.x, r.y, r.width, r.height, px, 0, r.width);
    }

    /** One-dimensional running-sum box blur, with edge pixels repeated. */
    private static int[] boxBlur(int[] src, int w, int h, int radius, boolean horizontal) {
        int[] dst = new int[src.length];
        int lines = horizontal ? h : w;
        int len = horizontal ? w : h;
        int span = 2 * radius + 1;
        for (int line = 0; line < lines; line++) {
            long[] sum = new long[4];
            for (int k = -radius; k <= radius; k++) {
                add(sum, src[index(line, clamp(k, len), horizontal, w)], 1);
            }
            for (int i = 0; i < len; i++) {
                dst[index(line, i, horizontal, w)] = (int) (sum[0] / span) << 24 | (int) (sum[1] / span) << 16
                        | (int) (sum[2] / span) << 8 | (int) (sum[3] / span);
                add(sum, src[index(line, clamp(i + radius + 1, len), horizontal, w)], 1);
                add(sum, src[index(line, clamp(i - radius, len), horizontal, w)], -1);
            }
        }
        return dst;
    }

    private static int index(int line, int i, boolean horizontal, int w) {
        return horizontal ? line * w + i : i * w + line;
    }

    private static int clamp(int i, int len) {
        return Math.max(0, Math.min(len - 1, i));
    }

    private static void add(long[] sum, int p, int sign) {
        sum[0] += sign * ((p >>> 24) & 0xff);
        sum[1] += sign * ((p >> 16) & 0xff);
        sum[2] += sign * ((p >> 8) & 0xff);
        sum[3] += sign * (p & 0xff);
    }
}
