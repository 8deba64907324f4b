package dev.flowlens.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.spec.NodeFlag;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.core.validation.WorkflowValidator;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RunHandle;
import dev.flowlens.runtime.api.RunListener;
import dev.flowlens.runtime.api.RunRequest;
import java.util.List;

/**
 * A FlowLens that knows a small, realistic node catalogue and validates with the real validator; the
 * editor's tests use it so they do not depend on which node library is on the class path. It does not run
 * workflows: the editor never does.
 */
public final class TestRuntime implements FlowLens {
    public static final NodeSpec LOAD_IMAGE = NodeSpec.builder("input.load_image", "Load image", "input")
            .description("Reads one image file (PNG, JPEG, WebP, TIFF, BMP, GIF).")
            .param(ParamSpec.PathParam.existingFile("path", "Image file", "The image to load"))
            .output(OutputSpec.of("image", PortType.IMAGE, "The decoded image"))
            .build();
    public static final NodeSpec IMAGE_FOLDER = NodeSpec.builder("input.image_folder", "Image folder", "input")
            .description("Lists the image files in a folder, sorted by name.")
            .param(ParamSpec.PathParam.existingFolder("folder", "Folder", "Where the images are"))
            .param(ParamSpec.TextParam.of("pattern", "Pattern", "*.{png,jpg,jpeg}", "Glob of file names to take"))
            .param(ParamSpec.BoolParam.of("recursive", "Include subfolders", false, "Also look in subfolders"))
            .output(OutputSpec.of("files", PortType.listOf(PortType.FILE_PATH), "The image files"))
            .build();
    public static final NodeSpec RESIZE = NodeSpec.builder("image.resize", "Resize", "image")
            .description("Scales an image to fit, fill or exactly match a size.")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to resize"))
            .param(ParamSpec.ChoiceParam.of("mode", "Mode", "fit", List.of("fit", "fill", "exact"),
                    "fit keeps the whole image, fill crops, exact stretches"))
            .param(ParamSpec.IntParam.of("width", "Width", 512, 1, 16384, "Target width in pixels"))
            .param(ParamSpec.IntParam.of("height", "Height", 512, 1, 16384, "Target height in pixels"))
            .output(OutputSpec.of("image", PortType.IMAGE, "The resized image"))
            .build();
    public static final NodeSpec OCR = NodeSpec.builder("ocr.read", "OCR", "models")
            .description("Reads the text in an image (PP-OCRv4).")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to read"))
            .param(ParamSpec.NumberParam.of("min_confidence", "Minimum confidence", 0.5, 0, 1,
                    "Lines read with less confidence are dropped"))
            .output(OutputSpec.of("text", PortType.TEXT, "All lines, top to bottom"))
            .output(OutputSpec.of("lines", PortType.JSON, "Each line with its box and confidence"))
            .build();
    public static final NodeSpec VLM = NodeSpec.builder("vlm.ask", "Ask VLM", "models")
            .description("Asks a vision-language model about an image over an OpenAI-compatible endpoint.")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to ask about"))
            .param(ParamSpec.TextParam.multiline("prompt", "Prompt", "Describe the product.", "What to ask"))
            .param(new ParamSpec.JsonSchemaParam("schema", "Answer schema", "The JSON schema answers must match",
                    new ParamValue.Json(JsonNodeFactory.instance.objectNode().put("type", "object")), false))
            .param(ParamSpec.SecretParam.optional("api_key", "API key", "Where the key comes from"))
            .param(ParamSpec.TextParam.of("endpoint", "Endpoint", "http://127.0.0.1:8000/v1", "Base URL"))
            .output(OutputSpec.of("answer", PortType.JSON, "The model's answer"))
            .flag(NodeFlag.NON_DETERMINISTIC)
            .build();
    public static final NodeSpec TO_TABLE = NodeSpec.builder("data.to_table", "To table", "data")
            .description("Collects JSON rows into a table.")
            .input(InputSpec.required("rows", PortType.listOf(PortType.JSON), "One JSON object per row"))
            .output(OutputSpec.of("table", PortType.TABLE, "The rows as a table"))
            .build();
    public static final NodeSpec WRITE_CSV = NodeSpec.builder("output.write_csv", "Write CSV", "output")
            .description("Writes a table as a CSV file.")
            .input(InputSpec.required("table", PortType.TABLE, "The table to write"))
            .param(ParamSpec.PathParam.outputFile("path", "CSV file", "report.csv", "Where to write"))
            .flag(NodeFlag.OUTPUT)
            .build();

    private final NodeCatalog catalog;
    private final WorkflowValidator validator;

    public TestRuntime(NodeSpec... extra) {
        List<NodeSpec> specs = new java.util.ArrayList<>(List.of(LOAD_IMAGE, IMAGE_FOLDER, RESIZE, OCR, VLM, TO_TABLE, WRITE_CSV));
        specs.addAll(List.of(extra));
        catalog = NodeCatalog.of(specs);
        validator = new WorkflowValidator(catalog);
    }

    @Override
    public NodeCatalog catalog() {
        return catalog;
    }

    @Override
    public List<ValidationIssue> validate(Workflow workflow) {
        return validator.validate(workflow);
    }

    @Override
    public RunHandle start(RunRequest request, RunListener listener) {
        throw new UnsupportedOperationException("the editor's test runtime validates only; it runs no workflows");
    }

    @Override
    public void clearCache() {
        // Holds no outputs.
    }

    @Override
    public void close() {
        // Holds no threads or models.
    }
}
