package dev.flowlens.runtime.nodes.image;

import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.io.FileProblem;
import dev.flowlens.runtime.io.ImageFiles;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.nodes.Failures;
import dev.flowlens.runtime.value.ImageValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes an image into the run's output folder as {@code <folder>/<image name>.<ext>}, atomically; the
 * image's own source file is never overwritten.
 */
public final class EncodeImage implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("image.encode", "Save image", "image")
            .description("Writes the image as PNG, JPEG, BMP, GIF, WebP (when an encoder is installed) or TIFF.")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to write"))
            .param(ParamSpec.ChoiceParam.of("format", "Format", "png", ImageFiles.WRITABLE,
                    "WebP needs an encoder plugin; without one the node says so"))
            .param(ParamSpec.NumberParam.of("quality", "Quality", 0.9, 0.05, 1.0, "JPEG quality, 0.05 to 1"))
            .param(ParamSpec.PathParam.outputFolder("folder", "Folder", "images",
                    "Relative to the run's output folder"))
            .output(OutputSpec.of("file", PortType.FILE_PATH, "The written file"))
            .flag(dev.flowlens.core.spec.NodeFlag.OUTPUT)
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        ImageValue image = input.get("image", ImageValue.class);
        Params p = input.params();
        String format = p.text("format");
        if (!ImageFiles.canWrite(format)) {
            throw Failures.of(context, "format: no " + format + " encoder is installed (FlowLens reads " + format
                    + " but cannot write it); choose png, jpeg, bmp, gif or tiff");
        }
        Path target = context.resolveOutput(p.text("folder")).resolve(fileName(image.name(), format));
        List<Path> inputs = new ArrayList<>();
        image.sourceFile().ifPresent(inputs::add);
        try {
            Path written = ImageFiles.write(image.image(), format, p.number("quality"), target, inputs);
            context.recordOutputFile(written);
            return Map.of("file", written);
        } catch (FileProblem e) {
            throw new NodeFailure(image.name() + ": " + e.getMessage(), e);
        }
    }

    /** "photo.jpeg" as png is "photo.png"; characters that are not allowed in file names become '_'. */
    static String fileName(String imageName, String format) {
        String base = imageName;
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        base = base.replaceAll("[/\\\\:*?\"<>|\\x00-\\x1f]", "_").strip();
        if (base.isEmpty() || base.startsWith(".")) {
            base = "image" + base;
        }
        return base + "." + ImageFiles.extension(format);
    }
}
