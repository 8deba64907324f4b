package dev.flowlens.runtime.nodes.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.api.ModelUse;
import dev.flowlens.runtime.inference.Engines;
import dev.flowlens.runtime.inference.InferenceException;
import dev.flowlens.runtime.inference.ModelCache;
import dev.flowlens.runtime.inference.ocr.OcrLine;
import dev.flowlens.runtime.inference.ocr.OcrModelFiles;
import dev.flowlens.runtime.inference.ocr.OcrResult;
import dev.flowlens.runtime.inference.ocr.PaddleOcr;
import dev.flowlens.runtime.models.BundledCatalogue;
import dev.flowlens.runtime.models.InstalledModel;
import dev.flowlens.runtime.models.ModelStoreException;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.value.Detection;
import dev.flowlens.runtime.value.Detections;
import dev.flowlens.runtime.value.ImageValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads text in an image with PP-OCRv4 (detect lines, fix upside-down ones, recognise), Chinese and English. */
public final class OcrNode implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("model.ocr", "OCR (read text)", ModelNodeSupport.CATEGORY)
            .description("Finds the lines of text in an image and reads them with PaddleOCR PP-OCRv4 (Chinese and"
                    + " English characters); upside-down lines are turned by an angle classifier.")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to read"))
            .output(OutputSpec.of("text", PortType.TEXT, "All lines, in reading order, one per row"))
            .output(OutputSpec.of("lines", PortType.JSON, "Each line: text, confidence, box {x, y, width, height}"))
            .output(OutputSpec.of("detections", PortType.DETECTIONS, "The lines as boxes labelled with their text"))
            .output(OutputSpec.of("device", PortType.TEXT, "Which device and engine ran, e.g. cpu (OnnxRuntime 1.21.1)"))
            .output(OutputSpec.of("result", PortType.JSON, "All of it as one object {text, lines, device}, for reports"))
            .param(ParamSpec.TextParam.of("model", "Model", BundledCatalogue.OCR,
                    "An OCR model from the model store (flowlens models list)"))
            .param(ParamSpec.NumberParam.of("min_confidence", "Minimum confidence", 0.5, 0, 1,
                    "Lines read with less confidence are left out"))
            .param(ModelNodeSupport.deviceParam())
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws Exception {
        ImageValue image = input.get("image", ImageValue.class);
        ModelNodeSupport.checkSize(image, context);
        Params p = input.params();
        InstalledModel model = ModelNodeSupport.model(p.text("model"), "ocr", Engines.ONNX_RUNTIME, context);
        OcrResult result;
        try {
            OcrModelFiles files = new OcrModelFiles(model.name(), model.requireFile("detector"),
                    model.requireFile("classifier"), model.requireFile("recognizer"), model.requireFile("keys"));
            PaddleOcr ocr = PaddleOcr.load(files, ModelNodeSupport.device(p, context), ModelCache.shared());
            result = ocr.read(image.image(), p.number("min_confidence"));
        } catch (InferenceException | ModelStoreException e) {
            throw new NodeFailure(context.nodeLabel() + ": " + e.getMessage(), e);
        }
        context.log("OCR read " + result.lines().size() + " lines in " + image.name() + " on " + result.device()
                + " (detect " + result.detectMillis() + " ms, angle " + result.classifyMillis() + " ms, recognise "
                + result.recognizeMillis() + " ms)");
        ArrayNode lines = JsonNodeFactory.instance.arrayNode();
        List<Detection> detections = new ArrayList<>();
        for (OcrLine l : result.lines()) {
            ObjectNode o = lines.addObject();
            o.put("text", l.text());
            o.put("confidence", Math.round(l.confidence() * 10000) / 10000.0);
            ObjectNode box = o.putObject("box");
            box.put("x", l.box().x());
            box.put("y", l.box().y());
            box.put("width", l.box().width());
            box.put("height", l.box().height());
            o.put("upside_down", l.upsideDown());
            detections.add(new Detection(l.text(), l.confidence(), l.box().x(), l.box().y(), l.box().width(),
                    l.box().height()));
        }
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        all.put("text", result.text());
        all.set("lines", lines);
        all.put("device", result.device());
        return Map.of("text", result.text(), "lines", lines,
                "detections", new Detections(detections, image.width(), image.height()),
                "device", result.device(), "result", all);
    }

    @Override
    public Optional<ModelUse> model(Params params) {
        return ModelNodeSupport.use(params.text("model"));
    }

    @Override
    public String fingerprint(Params params, NodeContext context) {
        return ModelNodeSupport.fingerprint(params.text("model"));
    }
}
