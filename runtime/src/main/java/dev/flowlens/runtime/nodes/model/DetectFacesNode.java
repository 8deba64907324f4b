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
import dev.flowlens.runtime.inference.LoadedModel;
import dev.flowlens.runtime.inference.ModelCache;
import dev.flowlens.runtime.inference.face.BlazeFace;
import dev.flowlens.runtime.inference.face.Face;
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

/** Finds faces with MediaPipe BlazeFace (front camera model): boxes, scores and six landmarks per face. */
public final class DetectFacesNode implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("model.detect_faces", "Detect faces", ModelNodeSupport.CATEGORY)
            .description("Finds faces with MediaPipe BlazeFace (short range, for portraits and product photos with"
                    + " people): a box, a score and six landmarks (eyes, nose, mouth, ears) per face.")
            .input(InputSpec.required("image", PortType.IMAGE, "The photo to search"))
            .output(OutputSpec.of("detections", PortType.DETECTIONS, "One box labelled \"face\" per face"))
            .output(OutputSpec.of("faces", PortType.JSON, "Each face: box, score, landmarks {right_eye: [x, y], …}"))
            .output(OutputSpec.of("count", PortType.INTEGER, "How many faces were found"))
            .output(OutputSpec.of("device", PortType.TEXT, "Which device and engine ran"))
            .output(OutputSpec.of("result", PortType.JSON, "All of it as one object {faces_found, faces, device}"))
            .param(ParamSpec.TextParam.of("model", "Model", BundledCatalogue.FACES,
                    "A face_detection model from the model store"))
            .param(ParamSpec.NumberParam.of("threshold", "Score threshold", 0.75, 0.05, 1,
                    "Faces scoring less are left out (0.75 keeps real faces and drops faces seen in objects)"))
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
        InstalledModel model = ModelNodeSupport.model(p.text("model"), "face_detection", Engines.ONNX_RUNTIME, context);
        List<Face> faces;
        String device;
        long t0 = System.nanoTime();
        try {
            BlazeFace detector = BlazeFace.load(model.name() + "/detector", model.requireFile("detector"),
                    ModelNodeSupport.device(p, context), ModelCache.shared());
            LoadedModel.Ran<List<Face>> ran = detector.detectReporting(image.image(), p.number("threshold"));
            faces = ran.value();
            device = ran.device();
        } catch (InferenceException | ModelStoreException e) {
            throw new NodeFailure(context.nodeLabel() + ": " + e.getMessage(), e);
        }
        context.log("Found " + faces.size() + " face(s) in " + image.name() + " on " + device + " in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        List<Detection> detections = new ArrayList<>();
        for (Face f : faces) {
            ObjectNode o = json.addObject();
            o.put("score", round(f.score()));
            ObjectNode box = o.putObject("box");
            box.put("x", round(f.x()));
            box.put("y", round(f.y()));
            box.put("width", round(f.width()));
            box.put("height", round(f.height()));
            ObjectNode marks = o.putObject("landmarks");
            for (int k = 0; k < Face.LANDMARK_NAMES.size(); k++) {
                double[] m = f.landmarks().get(k);
                marks.putArray(Face.LANDMARK_NAMES.get(k)).add(round(m[0])).add(round(m[1]));
            }
            detections.add(new Detection("face", f.score(), f.x(), f.y(), f.width(), f.height()));
        }
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        all.put("faces_found", faces.size());
        all.set("faces", json);
        all.put("device", device);
        return Map.of("detections", new Detections(detections, image.width(), image.height()), "faces", json,
                "count", (long) faces.size(), "device", device, "result", all);
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
