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
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;

/** Draws detection boxes with their label and score onto a copy of the image, for review and reports. */
public final class DrawDetectionsNode implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("image.draw_detections", "Draw detections", "image")
            .description("Draws each detection's box, label and score onto a copy of the image.")
            .input(InputSpec.required("image", PortType.IMAGE, "The image the detections were found in"))
            .input(InputSpec.required("detections", PortType.DETECTIONS, "Boxes to draw"))
            .output(OutputSpec.of("image", PortType.IMAGE, "A copy with the boxes drawn"))
            .param(ParamSpec.TextParam.of("color", "Colour", "#ff3b30", "Box colour as #rrggbb")
                    .withPattern("#[0-9a-fA-F]{6}"))
            .param(ParamSpec.BoolParam.of("labels", "Show labels", true, "Write label and score above each box"))
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
        Color color = Color.decode(input.params().text("color"));
        boolean labels = input.params().bool("labels");
        BufferedImage out = DetectionGeometry.copyRgb(image.image());
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        float stroke = Math.max(2f, Math.min(out.getWidth(), out.getHeight()) / 200f);
        g.setStroke(new BasicStroke(stroke));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, Math.round(stroke * 6))));
        FontMetrics fm = g.getFontMetrics();
        for (Detection d : detections.items()) {
            int x = (int) Math.round(d.x());
            int y = (int) Math.round(d.y());
            g.setColor(color);
            g.drawRect(x, y, (int) Math.round(d.width()), (int) Math.round(d.height()));
            if (labels) {
                String text = d.label() + String.format(Locale.ROOT, " %.2f", d.score());
                int tw = fm.stringWidth(text) + 6;
                int th = fm.getHeight();
                int ty = y - th >= 0 ? y - th : y;
                g.fillRect(x, ty, tw, th);
                g.setColor(Color.WHITE);
                g.drawString(text, x + 3, ty + fm.getAscent());
            }
        }
        g.dispose();
        return Map.of("image", image.withImage(out));
    }
}
