package dev.flowlens.runtime.nodes.model;

import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.api.ModelUse;
import dev.flowlens.runtime.inference.InferenceException;
import dev.flowlens.runtime.inference.LoadedModel;
import dev.flowlens.runtime.inference.ModelCache;
import dev.flowlens.runtime.inference.classify.ImageClassifier;
import dev.flowlens.runtime.models.InstalledModel;
import dev.flowlens.runtime.models.ModelStoreException;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.value.Classification;
import dev.flowlens.runtime.value.Classifications;
import dev.flowlens.runtime.value.ImageValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Classifies an image with any classification model from the store (TorchScript, ONNX or DJL weights): top-k labels. */
public final class ClassifyNode implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("model.classify", "Classify image", ModelNodeSupport.CATEGORY)
            .description("Runs a classification model from the model store and returns its best labels with"
                    + " scores. Models: TorchScript .pt, ONNX, or DJL weights with an architecture in the manifest.")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to classify"))
            .output(OutputSpec.of("classifications", PortType.CLASSIFICATIONS, "The top labels, best first"))
            .output(OutputSpec.of("label", PortType.TEXT, "The best label"))
            .output(OutputSpec.of("score", PortType.NUMBER, "The best label's score (0..1)"))
            .output(OutputSpec.of("device", PortType.TEXT, "Which device and engine ran"))
            .param(ParamSpec.TextParam.requiredText("model", "Model",
                    "A classification model from the model store (flowlens models list)"))
            .param(ParamSpec.IntParam.of("top_k", "Top k", 5, 1, 1000, "How many labels to keep"))
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
        InstalledModel model = ModelNodeSupport.model(p.text("model"), "classification", context);
        Classifications result;
        String device;
        try {
            List<String> labels = ModelNodeSupport.labels(model, true);
            ImageClassifier classifier = ImageClassifier.load(model.name() + "/model", model.requireFile("model"),
                    model.manifest().engine(), labels, model.manifest().inputSize(), model.manifest().normalisation(),
                    model.manifest().architecture(), ModelNodeSupport.device(p, context), ModelCache.shared());
            LoadedModel.Ran<Classifications> ran = classifier.classify(image.image(), (int) p.integer("top_k"));
            result = ran.value();
            device = ran.device();
        } catch (InferenceException | ModelStoreException e) {
            throw new NodeFailure(context.nodeLabel() + ": " + e.getMessage(), e);
        }
        Classification top = result.top().orElseThrow();
        context.log("Classified " + image.name() + " as " + top.label() + " (" + Math.round(top.score() * 100)
                + "%) on " + device);
        return Map.of("classifications", result, "label", top.label(), "score", top.score(), "device", device);
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
