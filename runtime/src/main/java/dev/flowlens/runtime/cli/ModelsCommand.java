package dev.flowlens.runtime.cli;

import dev.flowlens.runtime.inference.DataFolder;
import dev.flowlens.runtime.inference.detect.OutputFormat;
import dev.flowlens.runtime.models.BundledCatalogue;
import dev.flowlens.runtime.models.CatalogueEntry;
import dev.flowlens.runtime.models.InstalledModel;
import dev.flowlens.runtime.models.ModelFile;
import dev.flowlens.runtime.models.ModelStore;
import dev.flowlens.runtime.models.ModelStoreException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowlens models list|install|verify|remove}: the model store from a terminal. Exit codes: 0 done,
 * 1 the operation failed (the message says why), 2 bad usage (picocli).
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List, install, verify and remove models in the data folder's model store.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Install.class, ModelsCommand.Verify.class,
                ModelsCommand.Remove.class})
public final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The shared {@code --data} option. */
    static class DataOption {
        @Option(names = "--data", paramLabel = "DIR",
                description = "FlowLens data folder (default: $FLOWLENS_DATA or ~/.flowlens)")
        Path data;

        ModelStore store() {
            return ModelStore.in(data != null ? data : DataFolder.resolve());
        }
    }

    private static int fail(CommandSpec spec, String message) {
        spec.commandLine().getErr().println("error: " + message);
        return 1;
    }

    @Command(name = "list", description = "Installed models, and the bundled catalogue's models not installed yet.")
    static final class ListModels implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        DataOption data = new DataOption();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ModelStore store = data.store();
            try {
                List<InstalledModel> models = store.list();
                out.printf("Models in %s:%n", store.folder());
                if (models.isEmpty()) {
                    out.println("  (none)");
                }
                for (InstalledModel m : models) {
                    long bytes = m.manifest().files().stream().mapToLong(ModelFile::size).sum();
                    out.printf("  %-22s %-15s %-12s %6.1f MB  %s  (%s)%n", m.name(), m.manifest().task(),
                            m.manifest().engine(), bytes / 1e6, m.manifest().source(), m.manifest().licence());
                }
                out.println("Bundled catalogue (flowlens models install NAME):");
                for (CatalogueEntry e : BundledCatalogue.entries()) {
                    boolean installed = models.stream().anyMatch(m -> m.name().equals(e.name()));
                    out.printf("  %-22s %-15s %s%s%n", e.name(), e.task(), e.sourceText(),
                            installed ? "  [installed]" : "");
                }
                out.flush();
                return 0;
            } catch (ModelStoreException e) {
                return fail(spec, e.getMessage());
            }
        }
    }

    @Command(name = "install", description = {
            "Install a bundled model by name (flowlens models install pp-ocrv4), or your own model from a file,",
            "a folder with a manifest.json, or an http(s) URL (needs --sha256)."})
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        DataOption data = new DataOption();
        @Parameters(paramLabel = "NAME|FILE|FOLDER|URL", description = "A bundled model's name, or where the model is")
        String source;
        @Option(names = "--name", description = "Name in the store (required for files and URLs)")
        String name;
        @Option(names = "--task", defaultValue = "classification",
                description = "What the model does: ocr, face_detection, detection, classification (default: ${DEFAULT-VALUE})")
        String task;
        @Option(names = "--engine", defaultValue = "PyTorch", description = "PyTorch or OnnxRuntime (default: ${DEFAULT-VALUE})")
        String engine;
        @Option(names = "--sha256", description = "Expected SHA-256 of the file (required for URLs)")
        String sha256;
        @Option(names = "--licence", defaultValue = "", description = "The model's licence, for the record")
        String licence;
        @Option(names = "--labels", paramLabel = "FILE", description = "A file: labels file, one class name a line")
        Path labels;
        @Option(names = "--input-size", paramLabel = "HxW",
                description = "A file: the input the model takes, e.g. 224x224 or 640 (square)")
        String inputSize;
        @Option(names = "--output-format", paramLabel = "FORMAT",
                description = "A file: how a detector's outputs read: yolo, yolov5 or ssd")
        String outputFormat;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ModelStore store = data.store();
            try {
                InstalledModel m;
                boolean extrasGiven = labels != null || inputSize != null || outputFormat != null;
                boolean url = source.startsWith("http://") || source.startsWith("https://");
                if (extrasGiven && !url && !Files.isRegularFile(Path.of(source))) {
                    return fail(spec, "--labels, --input-size and --output-format go with a model file or URL; a"
                            + " bundled model has them, a folder's manifest.json says them");
                }
                Optional<CatalogueEntry> bundled = BundledCatalogue.find(source);
                if (bundled.isPresent()) {
                    m = store.installBundled(source);
                } else if (source.startsWith("http://") || source.startsWith("https://")) {
                    m = store.installUrl(URI.create(source), sha256, requireName(), task, engine, licence, extras());
                } else {
                    Path p = Path.of(source);
                    if (Files.isDirectory(p)) {
                        m = store.installFolder(p, name);
                    } else if (Files.isRegularFile(p)) {
                        m = store.installFile(p, requireName(), task, engine, sha256, licence, extras());
                    } else {
                        return fail(spec, "\"" + source + "\" is neither a bundled model ("
                                + BundledCatalogue.entries().stream().map(CatalogueEntry::name).toList()
                                + "), an existing file or folder, nor an http(s) URL");
                    }
                }
                out.printf("Installed %s (%s, %s) into %s from %s%n", m.name(), m.manifest().task(),
                        m.manifest().engine(), m.folder(), m.manifest().source());
                out.flush();
                return 0;
            } catch (ModelStoreException | IllegalArgumentException e) {
                return fail(spec, e.getMessage());
            }
        }

        private ModelStore.FileExtras extras() {
            List<Integer> size = List.of();
            if (inputSize != null && !inputSize.isBlank()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})(?:x(\\d{1,5}))?")
                        .matcher(inputSize.strip().toLowerCase(java.util.Locale.ROOT));
                if (!m.matches() || Integer.parseInt(m.group(1)) < 1
                        || (m.group(2) != null && Integer.parseInt(m.group(2)) < 1)) {
                    throw new IllegalArgumentException("--input-size must be HEIGHTxWIDTH (e.g. 640x640) or one"
                            + " number for a square, got \"" + inputSize + "\"");
                }
                int h = Integer.parseInt(m.group(1));
                size = List.of(h, m.group(2) == null ? h : Integer.parseInt(m.group(2)));
            }
            String format = null;
            if (outputFormat != null && !outputFormat.isBlank()) {
                format = OutputFormat.parse(outputFormat).id();
            }
            return new ModelStore.FileExtras(labels, size, format);
        }

        private String requireName() throws ModelStoreException {
            if (name == null || name.isBlank()) {
                throw new ModelStoreException("--name is required when installing from a file or URL");
            }
            return name;
        }
    }

    @Command(name = "verify", description = "Re-check every file's SHA-256 (all models when no name is given).")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        DataOption data = new DataOption();
        @Parameters(arity = "0..*", paramLabel = "NAME")
        List<String> names;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ModelStore store = data.store();
            try {
                List<String> which = names != null && !names.isEmpty() ? names
                        : store.list().stream().map(InstalledModel::name).toList();
                int bad = 0;
                for (String n : which) {
                    List<String> problems = store.verify(n);
                    if (problems.isEmpty()) {
                        out.printf("%s: ok%n", n);
                    } else {
                        bad++;
                        out.printf("%s: %d problem(s)%n", n, problems.size());
                        problems.forEach(p -> out.printf("  %s%n", p));
                    }
                }
                out.flush();
                return bad == 0 ? 0 : 1;
            } catch (ModelStoreException e) {
                return fail(spec, e.getMessage());
            }
        }
    }

    @Command(name = "remove", description = "Delete an installed model's folder.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        DataOption data = new DataOption();
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try {
                if (!data.store().remove(name)) {
                    return fail(spec, "model \"" + name + "\" is not installed");
                }
                spec.commandLine().getOut().printf("Removed %s%n", name);
                spec.commandLine().getOut().flush();
                return 0;
            } catch (ModelStoreException e) {
                return fail(spec, e.getMessage());
            }
        }
    }
}
