package dev.flowlens.runtime.nodes.input;

import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.nodes.Failures;
import dev.flowlens.runtime.nodes.FileFingerprints;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Lists the image files of a folder, sorted by their path inside it, optionally recursive and optionally
 * only those changed since the workflow's last successful run. Hidden files (".name") are skipped, which
 * also skips files that writers are still writing.
 */
public final class ImageFolder implements NodeType {
    public static final String DEFAULT_PATTERN = "*.{png,jpg,jpeg,bmp,gif,webp,tif,tiff}";

    private static final NodeSpec SPEC = NodeSpec.builder("input.image_folder", "Image folder", "input")
            .description("Lists the image files in a folder, sorted by name.")
            .param(ParamSpec.PathParam.existingFolder("folder", "Folder", "Relative to the workflow's folder"))
            .param(ParamSpec.TextParam.of("pattern", "File pattern", DEFAULT_PATTERN,
                    "A glob matched against file names (case-insensitive), or against the path inside the folder "
                            + "when it contains '/'"))
            .param(ParamSpec.BoolParam.of("recursive", "Include subfolders", false, "Also list files in subfolders"))
            .param(ParamSpec.BoolParam.of("only_new", "Only new files", false,
                    "Only files modified after this workflow's last successful run (all files on the first run)"))
            .output(OutputSpec.of("files", PortType.listOf(PortType.FILE_PATH), "The matching files, sorted"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        Params p = input.params();
        Path folder = folder(p, context);
        List<Path> files = list(folder, p, context);
        if (p.bool("only_new")) {
            Optional<Instant> since = context.lastSuccessfulRun();
            if (since.isEmpty()) {
                context.log("no earlier successful run: taking all " + files.size() + " files as new");
            } else {
                List<Path> fresh = new ArrayList<>();
                for (Path f : files) {
                    if (modified(f).isAfter(since.get())) {
                        fresh.add(f);
                    }
                }
                context.log(fresh.size() + " of " + files.size() + " files are new since " + since.get());
                files = fresh;
            }
        }
        if (files.isEmpty()) {
            context.log("no files matching " + p.text("pattern") + " in " + folder);
        }
        return Map.of("files", List.<Object>copyOf(files));
    }

    /** A hash of the listing (paths, sizes, times) so the cache notices added, removed and changed files. */
    @Override
    public String fingerprint(Params params, NodeContext context) throws NodeFailure {
        Path folder = folder(params, context);
        String since = params.bool("only_new")
                ? "since " + context.lastSuccessfulRun().map(Instant::toString).orElse("never") : "";
        return FileFingerprints.ofAll(list(folder, params, context), since);
    }

    private static Path folder(Params p, NodeContext context) throws NodeFailure {
        Path folder = context.resolveInput(p.text("folder"));
        if (!Files.exists(folder)) {
            throw Failures.of(context, "folder " + folder + " does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw Failures.of(context, folder + " is a file, not a folder");
        }
        return folder;
    }

    private static List<Path> list(Path folder, Params p, NodeContext context) throws NodeFailure {
        String pattern = p.text("pattern").isBlank() ? DEFAULT_PATTERN : p.text("pattern").strip();
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Failures.of(context, "pattern \"" + pattern + "\" is not a valid glob (" + e.getMessage() + ")");
        }
        boolean byPath = pattern.contains("/");
        int depth = p.bool("recursive") ? Integer.MAX_VALUE : 1;
        try (Stream<Path> walk = Files.walk(folder, depth)) {
            return walk.filter(f -> f != folder)
                    .filter(f -> !hidden(folder, f))
                    .filter(Files::isRegularFile)
                    .filter(f -> {
                        Path candidate = byPath ? folder.relativize(f) : f.getFileName();
                        String lower = candidate.toString().replace('\\', '/').toLowerCase(java.util.Locale.ROOT);
                        return matcher.matches(Path.of(lower));
                    })
                    .sorted(Comparator.comparing(f -> folder.relativize(f).toString()))
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw Failures.of(context, "cannot list folder " + folder + " (" + e.getMessage() + ")", e);
        }
    }

    private static boolean hidden(Path folder, Path file) {
        for (Path part : folder.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static Instant modified(Path file) throws NodeFailure {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).lastModifiedTime().toInstant();
        } catch (IOException e) {
            throw new NodeFailure(file.getFileName() + ": cannot read its modification time", e);
        }
    }
}
