package dev.flowlens.runtime.nodes.model;

import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.runtime.api.ModelUse;
import dev.flowlens.runtime.inference.DeviceChoice;
import dev.flowlens.runtime.inference.Engines;
import dev.flowlens.runtime.models.InstalledModel;
import dev.flowlens.runtime.models.ModelFile;
import dev.flowlens.runtime.models.ModelStore;
import dev.flowlens.runtime.models.ModelStoreException;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.value.ImageValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What every model node shares: the device parameter, finding a model in the store, and input checks. */
final class ModelNodeSupport {
    static final String CATEGORY = "model";
    /** Larger images are refused before they reach a model: decoding alone would need gigabytes. */
    static final int MAX_SIDE = 16384;

    private ModelNodeSupport() {
    }

    static ParamSpec deviceParam() {
        return ParamSpec.ChoiceParam.of("device", "Device", "auto", DeviceChoice.CHOICES,
                "auto: a GPU when the engine sees one, else the CPU; cpu; or a GPU by number");
    }

    static DeviceChoice device(Params params, NodeContext context) throws NodeFailure {
        try {
            return DeviceChoice.parse(params.text("device"));
        } catch (IllegalArgumentException e) {
            throw new NodeFailure(context.nodeLabel() + ": " + e.getMessage());
        }
    }

    static ModelStore store() {
        return ModelStore.in(Engines.dataFolder());
    }

    /** As {@link #model(String, String, NodeContext)}, and checked to run on {@code engine}. */
    static InstalledModel model(String name, String task, String engine, NodeContext context) throws NodeFailure {
        InstalledModel m = model(name, task, context);
        if (!m.manifest().engine().equalsIgnoreCase(engine)) {
            throw new NodeFailure(context.nodeLabel() + ": model \"" + name + "\" is for the " + m.manifest().engine()
                    + " engine; this node runs " + engine + " models");
        }
        return m;
    }

    /** The installed model, checked to be for {@code task}; bundled Maven models are installed on first use. */
    static InstalledModel model(String name, String task, NodeContext context) throws NodeFailure {
        try {
            InstalledModel m = store().requireBundled(name);
            if (!m.manifest().task().equals(task)) {
                throw new NodeFailure(context.nodeLabel() + ": model \"" + name + "\" is made for the task "
                        + m.manifest().task() + "; this node needs a " + task + " model");
            }
            return m;
        } catch (ModelStoreException e) {
            throw new NodeFailure(context.nodeLabel() + ": " + e.getMessage(), e);
        }
    }

    /** The model's checksums, so reinstalling another version of a model invalidates cached results. */
    static String fingerprint(String name) {
        try {
            Optional<InstalledModel> m = store().find(name);
            return m.map(x -> x.manifest().files().stream().map(ModelFile::sha256).collect(Collectors.joining(",")))
                    .orElse("");
        } catch (ModelStoreException e) {
            return "";
        }
    }

    /** The installed model {@code name} as the audit trail names it; empty when it is not installed. */
    static Optional<ModelUse> use(String name) {
        try {
            return store().find(name).map(m -> new ModelUse(m.name(), m.manifest().engine(), m.checksum()));
        } catch (ModelStoreException e) {
            return Optional.empty();
        }
    }

    /**
     * The model's labels (one a line, blank lines skipped); empty when the manifest names no labels file and
     * {@code required} is false.
     */
    static List<String> labels(InstalledModel model, boolean required) throws ModelStoreException {
        String role = model.manifest().labels();
        if (role == null || role.isBlank()) {
            if (!required) {
                return List.of();
            }
            throw new ModelStoreException("model " + model.name() + " names no labels file (manifest \"labels\")");
        }
        Path file = model.requireFile(role);
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new ModelStoreException("could not read labels " + file + ": " + e.getMessage(), e);
        }
    }

    static void checkSize(ImageValue image, NodeContext context) throws NodeFailure {
        if (image.width() > MAX_SIDE || image.height() > MAX_SIDE) {
            throw new NodeFailure(context.nodeLabel() + ": image " + image.name() + " is " + image.width() + "x"
                    + image.height() + "; model nodes take at most " + MAX_SIDE + " pixels a side (resize it first)");
        }
    }
}
