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
import dev.flowlens.runtime.inference.InferenceException;
import dev.flowlens.runtime.inference.LoadedModel;
import dev.flowlens.runtime.inference.ModelCache;
import dev.flowlens.runtime.inference.detect.ObjectDetector;
import dev.flowlens.runtime.inference.detect.OutputFormat;
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
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds objects with any detection model from the store whose outputs are YOLO or SSD style. */
public final class DetectObjectsNode implements NodeType {
    private static final String FROM_MANIFEST = "manifest";
    private static final NodeSpec SPEC = NodeSpec.builder("model.detect", "Detect objects", ModelNodeSupport.CATEGORY)
            .description("Runs a detection model from the model store (TorchScript .pt or ONNX) whose outputs are"
                    + " YOLO style (cx, cy, w, h + class scores) or SSD style (boxes, labels, scores): boxes with"
                    + " labels and scores, overlapping boxes of one class merged (NMS).")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to search"))
            .output(OutputSpec.of("detections", PortType.DETECTIONS, "One box per object, best first"))
            .output(OutputSpec.of("objects", PortType.JSON, "Each object: label, score, box {x, y, width, height}"))
            .output(OutputSpec.of("count", PortType.INTEGER, "How many objects were found"))
            .output(OutputSpec.of("device", PortType.TEXT, "Which device and engine ran"))
            .output(OutputSpec.of("result", PortType.JSON, "All of it as one object {count, objects, device}"))
            .param(ParamSpec.TextParam.requiredText("model", "Model",
                    "A detection model from the model store (flowlens models list)"))
            .param(ParamSpec.ChoiceParam.of("format", "Output format", FROM_MANIFEST,
                    List.of(FROM_MANIFEST, "yolo", "yolov5", "ssd"),
                    "How the model's outputs read: as its manifest's outputFormat says, or yolo (v8: cx, cy, w, h,"
                            + " class scores), yolov5 (with objectness) or ssd (boxes x1, y1, x2, y2 in 0..1, labels,"
                            + " scores)"))
            .param(ParamSpec.NumberParam.of("threshold", "Score threshold", 0.25, 0, 1,
                    "Boxes scoring less are left out"))
            .param(ParamSpec.NumberParam.of("iou", "Overlap (IoU) threshold", 0.45, 0, 1,
                    "A box overlapping a better box of the same class by more than this is dropped (NMS)"))
            .param(ParamSpec.IntParam.of("max_detections", "Max detections", 100, 1, 10000,
                    "At most this many boxes, best first"))
            .param(ParamSpec.TextParam.of("classes", "Classes", "",
                    "Only these labels, comma-separated (e.g. person, car); empty keeps every class"))
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
        InstalledModel model = ModelNodeSupport.model(p.text("model"), "detection", context);
        LoadedModel.Ran<List<Detection>> ran;
        long t0 = System.nanoTime();
        try {
            List<String> labels = ModelNodeSupport.labels(model, false);
            ObjectDetector.Settings settings = new ObjectDetector.Settings(p.number("threshold"), p.number("iou"),
                    (int) p.integer("max_detections"), classes(p.text("classes"), labels, model, context));
            ObjectDetector detector = ObjectDetector.load(model.name() + "/model", model.requireFile("model"),
                    model.manifest().engine(), labels, model.manifest().inputSize(), model.manifest().normalisation(),
                    format(p.text("format"), model, context), ModelNodeSupport.device(p, context), ModelCache.shared());
            ran = detector.detect(image.image(), settings);
        } catch (InferenceException | ModelStoreException e) {
            throw new NodeFailure(context.nodeLabel() + ": " + e.getMessage(), e);
        }
        List<Detection> found = ran.value();
        context.log("Found " + found.size() + " object(s) in " + image.name() + " on " + ran.device() + " in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        ArrayNode objects = JsonNodeFactory.instance.arrayNode();
        for (Detection d : found) {
            ObjectNode o = objects.addObject();
            o.put("label", d.label());
            o.put("score", round(d.score()));
            ObjectNode box = o.putObject("box");
            box.put("x", round(d.x()));
            box.put("y", round(d.y()));
            box.put("width", round(d.width()));
            box.put("height", round(d.height()));
        }
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        all.put("count", found.size());
        all.set("objects", objects);
        all.put("device", ran.device());
        return Map.of("detections", new Detections(found, image.width(), image.height()), "objects", objects,
                "count", (long) found.size(), "device", ran.device(), "result", all);
    }

    private static OutputFormat format(String param, InstalledModel model, NodeContext context) throws NodeFailure {
        String text = param;
        if (param.isBlank() || param.equals(FROM_MANIFEST)) {
            text = model.manifest().outputFormat();
            if (text == null || text.isBlank()) {
                throw new NodeFailure(context.nodeLabel() + ": model \"" + model.name() + "\" declares no"
                        + " outputFormat in its manifest; set the node's format to yolo, yolov5 or ssd");
            }
        }
        try {
            return OutputFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw new NodeFailure(context.nodeLabel() + ": model \"" + model.name() + "\": " + e.getMessage());
        }
    }

    /** The class filter, checked against the model's labels so a typo is not silently "nothing found". */
    private static Set<String> classes(String text, List<String> labels, InstalledModel model, NodeContext context)
            throws NodeFailure {
        Set<String> wanted = new LinkedHashSet<>();
        Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(wanted::add);
        if (!labels.isEmpty()) {
            for (String c : wanted) {
                if (!labels.contains(c)) {
                    throw new NodeFailure(context.nodeLabel() + ": classes: \"" + c + "\" is not a label of model \""
                            + model.name() + "\"; its labels are " + preview(labels));
                }
            }
        }
        return wanted;
    }

    private static String preview(List<String> labels) {
        List<String> head = new ArrayList<>(labels.subList(0, Math.min(20, labels.size())));
        return String.join(", ", head) + (labels.size() > 20 ? ", … (" + labels.size() + " in all)" : "");
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
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
