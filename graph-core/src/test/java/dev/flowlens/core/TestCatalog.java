package dev.flowlens.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.model.Canvas;
import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.Position;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.model.WorkflowId;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.spec.NodeFlag;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import java.util.Arrays;
import java.util.List;

/**
 * The one node catalogue graph-core's tests share: a few node types shaped like the real library's
 * (load, resize, OCR, a VLM call, a CSV report), which between them use every {@link ParamSpec} kind and
 * every way a wire can cross (direct, integer to number, fan-out, wrap, any).
 */
public final class TestCatalog {

    /** {@code image.load}: path (file, required) -> image. */
    public static final NodeSpec LOAD = NodeSpec.builder("image.load", "Load Image", "input")
            .param(ParamSpec.PathParam.existingFile("path", "Image file", "The image to load"))
            .output(OutputSpec.of("image", PortType.IMAGE, "The decoded image"))
            .build();

    /** {@code image.folder}: folder (required) -> list of file paths. */
    public static final NodeSpec FOLDER = NodeSpec.builder("image.folder", "Image Folder", "input")
            .param(ParamSpec.PathParam.existingFolder("folder", "Folder", "Where the images are"))
            .param(ParamSpec.BoolParam.of("recursive", "Include sub-folders", false, ""))
            .output(OutputSpec.of("files", PortType.listOf(PortType.FILE_PATH), "The files, sorted"))
            .build();

    /** {@code image.check}: file path -> image (fans out over a folder's list). */
    public static final NodeSpec CHECK = NodeSpec.builder("image.check", "Check Image", "image")
            .input(InputSpec.required("file", PortType.FILE_PATH, "An image file"))
            .output(OutputSpec.of("image", PortType.IMAGE, "The image"))
            .build();

    /** {@code image.resize}: image -> image; mode (choice), width/height (integer), keep_alpha (bool). */
    public static final NodeSpec RESIZE = NodeSpec.builder("image.resize", "Resize", "image")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to resize"))
            .output(OutputSpec.of("image", PortType.IMAGE, "The resized image"))
            .param(ParamSpec.ChoiceParam.of("mode", "Mode", "fit", List.of("fit", "fill", "exact"), ""))
            .param(ParamSpec.IntParam.of("width", "Width", 512, 1, 16384, "Width in pixels"))
            .param(ParamSpec.IntParam.of("height", "Height", 512, 1, 16384, "Height in pixels"))
            .param(ParamSpec.BoolParam.of("keep_alpha", "Keep alpha", true, ""))
            .build();

    /** {@code ocr.read}: image -> text and list of lines; language (text with a pattern), min confidence (number). */
    public static final NodeSpec OCR = NodeSpec.builder("ocr.read", "OCR", "text")
            .input(InputSpec.required("image", PortType.IMAGE, "A page or screenshot"))
            .output(OutputSpec.of("text", PortType.TEXT, "All text"))
            .output(OutputSpec.of("lines", PortType.listOf(PortType.TEXT), "One entry per line"))
            .output(OutputSpec.of("line_count", PortType.INTEGER, "How many lines"))
            .param(ParamSpec.TextParam.of("language", "Language", "eng", "Tesseract-style codes").withPattern("[a-z]{3}(\\+[a-z]{3})*"))
            .param(ParamSpec.NumberParam.of("min_confidence", "Minimum confidence", 0.5, 0, 1, ""))
            .build();

    /** {@code vlm.ask}: image + optional text context -> json; api_key (secret), prompt (required text), schema. */
    public static final NodeSpec VLM = NodeSpec.builder("vlm.ask", "Ask VLM", "vlm")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to ask about"))
            .input(InputSpec.optional("context", PortType.TEXT, "Extra text for the prompt"))
            .output(OutputSpec.of("answer", PortType.JSON, "The model's answer"))
            .param(new ParamSpec.SecretParam("api_key", "API key", "Where the key is kept", true))
            .param(ParamSpec.TextParam.requiredText("prompt", "Prompt", "What to ask"))
            .param(new ParamSpec.JsonSchemaParam("schema", "Answer schema", "", null, true))
            .param(ParamSpec.NumberParam.of("temperature", "Temperature", 0.2, 0, 2, ""))
            .flag(NodeFlag.NON_DETERMINISTIC)
            .build();

    /** {@code math.scale}: number * factor; for integer-to-number wires. */
    public static final NodeSpec SCALE = NodeSpec.builder("math.scale", "Scale", "math")
            .input(InputSpec.required("value", PortType.NUMBER, "A number"))
            .output(OutputSpec.of("result", PortType.NUMBER, "value * factor"))
            .param(ParamSpec.NumberParam.of("factor", "Factor", 1, -1000, 1000, ""))
            .build();

    /** {@code report.csv}: list of json rows -> a CSV file; path (output file), title (text). Output node. */
    public static final NodeSpec REPORT = NodeSpec.builder("report.csv", "CSV Report", "output")
            .input(InputSpec.required("rows", PortType.listOf(PortType.JSON), "One JSON object per row"))
            .param(ParamSpec.PathParam.outputFile("path", "Report file", "report.csv", ""))
            .param(ParamSpec.TextParam.multiline("title", "Title", "", "A first line"))
            .flag(NodeFlag.OUTPUT)
            .build();

    /** {@code output.preview}: anything; output node. */
    public static final NodeSpec PREVIEW = NodeSpec.builder("output.preview", "Preview", "output")
            .input(InputSpec.required("value", PortType.ANY, "Anything"))
            .flag(NodeFlag.OUTPUT)
            .build();

    public static final List<NodeSpec> SPECS = List.of(LOAD, FOLDER, CHECK, RESIZE, OCR, VLM, SCALE, REPORT, PREVIEW);

    public static final NodeCatalog CATALOG = NodeCatalog.of(SPECS);

    private TestCatalog() {
    }

    public static NodeInstance node(String id, String type, Object... paramPairs) {
        NodeInstance n = NodeInstance.of(id, type);
        for (int i = 0; i < paramPairs.length; i += 2) {
            n = n.withParam((String) paramPairs[i], value(paramPairs[i + 1]));
        }
        return n;
    }

    private static ParamValue value(Object o) {
        if (o instanceof ParamValue v) {
            return v;
        } else if (o instanceof String s) {
            return ParamValue.of(s);
        } else if (o instanceof Integer i) {
            return ParamValue.of((long) i);
        } else if (o instanceof Long l) {
            return ParamValue.of(l);
        } else if (o instanceof Double d) {
            return ParamValue.of(d);
        } else if (o instanceof Boolean b) {
            return ParamValue.of(b);
        }
        throw new IllegalArgumentException("no parameter value for " + o);
    }

    /** A workflow with a fixed id; wires are written {@code "load.image -> resize.image"}. */
    public static Workflow workflow(List<NodeInstance> nodes, String... edges) {
        return new Workflow(new WorkflowId("test-workflow"), "test", "", nodes,
                Arrays.stream(edges).map(e -> {
                    String[] ends = e.split("\\s*->\\s*");
                    return Edge.of(ends[0], ends[1]);
                }).toList(), Canvas.EMPTY);
    }

    /** A valid schema for {@code vlm.ask}. */
    public static ParamValue.Json schema() {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("type", "object");
        s.putObject("properties").putObject("category").put("type", "string");
        return new ParamValue.Json(s);
    }

    /**
     * load -> resize -> vlm -> (list of answers) report, plus OCR text as the VLM's context: a workflow with no
     * issues that the tests then break one thing at a time.
     */
    public static Workflow validWorkflow() {
        return workflow(List.of(
                node("load", "image.load", "path", "/data/page.png").withPosition(new Position(0, 0)),
                node("resize", "image.resize", "width", 1024, "mode", "fit"),
                node("ocr", "ocr.read", "language", "eng+deu"),
                node("vlm", "vlm.ask", "api_key", new ParamValue.Secret(SecretRef.env("ZAI_KEY")),
                        "prompt", "Which category?", "schema", schema()),
                node("report", "report.csv")),
                "load.image -> resize.image",
                "resize.image -> ocr.image",
                "resize.image -> vlm.image",
                "ocr.text -> vlm.context",
                "vlm.answer -> report.rows");
    }
}
