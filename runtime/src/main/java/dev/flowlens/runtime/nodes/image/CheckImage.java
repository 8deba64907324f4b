package dev.flowlens.runtime.nodes.image;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.spec.InputSpec;
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
import dev.flowlens.runtime.nodes.Failures;
import dev.flowlens.runtime.value.ImageValue;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opens an image file strictly and checks it against size and format rules: a truncated, empty, oversized
 * or non-image file fails its own item with a message that names the file.
 */
public final class CheckImage implements NodeType {
    private static final String ALL_FORMATS = "png,jpeg,bmp,gif,webp,tiff";
    private static final NodeSpec SPEC = NodeSpec.builder("image.check", "Check image", "image")
            .description("Decodes an image file strictly and checks its size and format.")
            .input(InputSpec.required("file", PortType.FILE_PATH, "The image file"))
            .param(ParamSpec.IntParam.of("min_width", "Minimum width", 1, 1, 65_535, "In pixels"))
            .param(ParamSpec.IntParam.of("min_height", "Minimum height", 1, 1, 65_535, "In pixels"))
            .param(ParamSpec.IntParam.of("max_width", "Maximum width", 65_535, 1, 65_535, "In pixels"))
            .param(ParamSpec.IntParam.of("max_height", "Maximum height", 65_535, 1, 65_535, "In pixels"))
            .param(ParamSpec.NumberParam.of("max_megapixels", "Largest size (megapixels)", 100, 0.01, 10_000,
                    "Checked from the file's header before decoding, against decompression bombs"))
            .param(ParamSpec.TextParam.of("formats", "Allowed formats", ALL_FORMATS,
                    "Comma-separated: png, jpeg, bmp, gif, webp, tiff").withPattern("[A-Za-z, ]*"))
            .output(OutputSpec.of("image", PortType.IMAGE, "The decoded image"))
            .output(OutputSpec.of("info", PortType.JSON, "file, name, format, width, height, megapixels, bytes"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        Path file = input.get("file", Path.class);
        Params p = input.params();
        Set<String> allowed = allowedFormats(p, context);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        LoadedImage loaded;
        try {
            // The header is checked first so a disallowed or huge file is refused without decoding it.
            ImageFiles.ImageHeader header = ImageFiles.header(file);
            checkFormat(name, header.format(), allowed);
            loaded = ImageFiles.read(file, new ImageLimits(p.number("max_megapixels")));
        } catch (FileProblem e) {
            throw new NodeFailure(e.getMessage(), e);
        }
        int w = loaded.width();
        int h = loaded.height();
        check(name, "width", w, p.integer("min_width"), p.integer("max_width"));
        check(name, "height", h, p.integer("min_height"), p.integer("max_height"));
        ObjectNode info = JsonNodeFactory.instance.objectNode()
                .put("file", file.toString())
                .put("name", name)
                .put("format", loaded.format())
                .put("width", w)
                .put("height", h)
                .put("megapixels", Math.round(w * (double) h / 10_000.0) / 100.0)
                .put("bytes", loaded.bytes());
        return Map.of("image", new ImageValue(loaded.image(), name, file), "info", info);
    }

    private static void check(String name, String what, int value, long min, long max) throws NodeFailure {
        if (value < min) {
            throw new NodeFailure(name + ": " + what + " is " + value + " pixels, less than the minimum " + min);
        }
        if (value > max) {
            throw new NodeFailure(name + ": " + what + " is " + value + " pixels, more than the maximum " + max);
        }
    }

    private static void checkFormat(String name, String format, Set<String> allowed) throws NodeFailure {
        if (!allowed.contains(format)) {
            throw new NodeFailure(name + ": the file is " + format.toUpperCase(Locale.ROOT)
                    + ", but only " + String.join(", ", allowed) + " are allowed");
        }
    }

    private static Set<String> allowedFormats(Params p, NodeContext context) throws NodeFailure {
        String text = p.text("formats").isBlank() ? ALL_FORMATS : p.text("formats");
        Set<String> formats = Arrays.stream(text.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(ImageFiles::normalizeFormat)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String f : formats) {
            if (!ImageFiles.READABLE.contains(f)) {
                throw Failures.of(context, "formats: \"" + f + "\" is not a format FlowLens reads; use "
                        + "png, jpeg, bmp, gif, webp or tiff");
            }
        }
        return formats;
    }
}
