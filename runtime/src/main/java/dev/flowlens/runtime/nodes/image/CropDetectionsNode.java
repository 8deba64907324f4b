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
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Cuts each detection out of the image: a list of images, one per box, in the detections' order. */
public final class CropDetectionsNode implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("image.crop_detections", "Crop detections", "image")
            .description("Cuts every detected box out of the image (with optional padding), e.g. to classify or"
                    + " read each object on its own. Crops are named <image>#<n>-<label>.")
            .input(InputSpec.required("image", PortType.IMAGE, "The image the detections were found in"))
            .input(InputSpec.required("detections", PortType.DETECTIONS, "Boxes to cut out"))
            .output(OutputSpec.of("images", PortType.listOf(PortType.IMAGE), "One image per detection"))
            .param(ParamSpec.NumberParam.of("padding", "Padding (%)", 0, 0, 100,
                    "Grow each box by this share of its size on every side"))
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
        double padding = input.params().number("padding");
        List<Object> crops = new ArrayList<>();
        int n = 0;
        for (Detection d : detections.items()) {
            n++;
            Rectangle r = DetectionGeometry.box(d, padding, image.width(), image.height());
            if (r.width == 0 || r.height == 0) {
                continue;
            }
            BufferedImage crop = new BufferedImage(r.width, r.height, image.image().getColorModel().hasAlpha()
                    ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
            Graphics2D g = crop.createGraphics();
            g.drawImage(image.image(), -r.x, -r.y, null);
            g.dispose();
            String label = d.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
            crops.add(new ImageValue(crop, image.name() + "#" + n + "-" + label, image.source()));
        }
        return Map.of("images", crops);
    }
}
