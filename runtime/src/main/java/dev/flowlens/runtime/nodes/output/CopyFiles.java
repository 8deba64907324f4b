package dev.flowlens.runtime.nodes.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeFlag;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.io.AtomicFiles;
import dev.flowlens.runtime.io.FileProblem;
import dev.flowlens.runtime.io.ImageFiles;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.nodes.Failures;
import dev.flowlens.runtime.nodes.Values;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.value.ItemError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sorts files into {@code <folder>/<label>/} in the run's output folder: a copy of each file (or image) in
 * the folder of its label, e.g. flagged/ and ok/. Images with a source file are copied byte for byte;
 * images made in the workflow are written as PNG. A source is never overwritten; failed items are skipped.
 */
public final class CopyFiles implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("output.copy_files", "Sort files into folders", "output")
            .description("Copies (or moves) files and images into one folder per label.")
            .input(InputSpec.required("items", PortType.listOf(PortType.ANY), "Files or images"))
            .input(InputSpec.optional("labels", PortType.listOf(PortType.ANY),
                    "One label per item (text, or JSON with a label field), in the same order"))
            .param(ParamSpec.PathParam.outputFolder("folder", "Folder", "sorted", "Relative to the run's output folder"))
            .param(ParamSpec.TextParam.of("default_label", "Default label", "unlabelled",
                    "For items without a label"))
            .param(ParamSpec.TextParam.of("label_field", "Label field", "label",
                    "When labels are JSON objects: the field that holds the label"))
            .param(ParamSpec.ChoiceParam.of("mode", "Mode", "copy", List.of("copy", "move"),
                    "move removes the source file after copying it (files only, never images made in the run)"))
            .output(OutputSpec.of("files", PortType.listOf(PortType.FILE_PATH), "The written files"))
            .flag(NodeFlag.OUTPUT)
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        Params p = input.params();
        List<?> items = input.get("items", List.class);
        List<?> labels = input.optional("labels", List.class).orElse(List.of());
        if (!labels.isEmpty() && labels.size() != items.size()) {
            throw Failures.of(context, "labels: got " + labels.size() + " labels for " + items.size()
                    + " items; wire labels computed from the same items");
        }
        Path root = context.resolveOutput(p.text("folder"));
        Set<Path> sources = new HashSet<>();
        for (Object item : items) {
            source(item).ifPresent(sources::add);
        }
        List<Object> written = new ArrayList<>();
        Set<Path> taken = new HashSet<>();
        int skipped = 0;
        for (int i = 0; i < items.size(); i++) {
            context.throwIfCancelled();
            Object item = items.get(i);
            if (item instanceof ItemError) {
                skipped++;
                continue;
            }
            String label = folderName(labels.isEmpty() ? null : labels.get(i), p, context);
            Path target = unique(root.resolve(label).resolve(Values.itemName(item)), taken);
            try {
                written.add(write(item, target, sources, p.text("mode").equals("move"), context));
            } catch (FileProblem e) {
                throw Failures.of(context, Values.itemName(item) + ": " + e.getMessage(), e);
            }
            context.progress(i + 1, items.size());
        }
        if (skipped > 0) {
            context.log("skipped " + skipped + " failed items");
        }
        return Map.of("files", List.copyOf(written));
    }

    private static Path write(Object item, Path target, Set<Path> sources, boolean move, NodeContext context)
            throws FileProblem, NodeFailure {
        Path written;
        if (item instanceof Path file) {
            written = AtomicFiles.copy(file, target, sources);
            if (move) {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new FileProblem("copied to " + written + " but could not remove the original ("
                            + e.getMessage() + ")", e);
                }
            }
        } else if (item instanceof ImageValue image) {
            if (image.sourceFile().isPresent() && Files.isRegularFile(image.sourceFile().get())) {
                written = AtomicFiles.copy(image.sourceFile().get(), target, sources);
            } else {
                Path png = target.resolveSibling(stem(target.getFileName().toString()) + ".png");
                written = ImageFiles.write(image.image(), "png", 1.0, png, List.copyOf(sources));
            }
        } else {
            throw Failures.of(context, "items: expected files or images, got " + item.getClass().getSimpleName());
        }
        context.recordOutputFile(written);
        return written;
    }

    /** Two items with the same name and label (from different folders) become name.png and name_2.png. */
    private static Path unique(Path target, Set<Path> taken) {
        Path candidate = target;
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = target.resolveSibling(stem + "_" + i + ext);
        }
        return candidate;
    }

    private static java.util.Optional<Path> source(Object item) {
        if (item instanceof Path p) {
            return java.util.Optional.of(p);
        }
        if (item instanceof ImageValue img) {
            return img.sourceFile();
        }
        return java.util.Optional.empty();
    }

    /** The label as a safe folder name: no separators, no "..", not blank. */
    static String folderName(Object label, Params p, NodeContext context) {
        String text;
        if (label == null || label instanceof ItemError) {
            text = "";
        } else if (label instanceof JsonNode j && j.isObject()) {
            JsonNode field = j.get(p.text("label_field"));
            text = field == null ? "" : Values.text(field);
        } else {
            text = Values.text(label);
        }
        String safe = text.strip().replaceAll("[/\\\\:*?\"<>|\\x00-\\x1f]", "_");
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
            safe = p.text("default_label").isBlank() ? "unlabelled" : p.text("default_label").strip();
        }
        return safe;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
