package dev.flowlens.runtime.nodes.input;

import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.io.FileProblem;
import dev.flowlens.runtime.io.ImageFiles;
import dev.flowlens.runtime.io.ImageLimits;
import dev.flowlens.runtime.io.LoadedImage;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.nodes.FileFingerprints;
import dev.flowlens.runtime.value.ImageValue;
import java.nio.file.Path;
import java.util.Map;

/** Loads one image file, strictly (a truncated or oversized file fails instead of half-loading). */
public final class LoadImage implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("input.load_image", "Load image", "input")
            .description("Reads one image file (PNG, JPEG, BMP, GIF, WebP, TIFF).")
            .param(ParamSpec.PathParam.existingFile("path", "File", "The image file; relative to the workflow's folder"))
            .param(ParamSpec.NumberParam.of("max_megapixels", "Largest size (megapixels)", 100, 0.01, 10_000,
                    "Files whose header claims more pixels are refused before decoding"))
            .output(OutputSpec.of("image", PortType.IMAGE, "The decoded image, named after its file"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        Path file = context.resolveInput(input.params().text("path"));
        try {
            LoadedImage loaded = ImageFiles.read(file, new ImageLimits(input.params().number("max_megapixels")));
            String name = file.getFileName().toString();
            return Map.of("image", new ImageValue(loaded.image(), name, file));
        } catch (FileProblem e) {
            throw new NodeFailure(e.getMessage(), e);
        }
    }

    @Override
    public String fingerprint(Params params, NodeContext context) {
        return FileFingerprints.of(context.resolveInput(params.text("path")));
    }
}
