package dev.flowlens.runtime.nodes.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.runtime.inference.Engines;
import dev.flowlens.runtime.models.InstalledModel;
import dev.flowlens.runtime.models.ModelFile;
import dev.flowlens.runtime.models.ModelManifest;
import dev.flowlens.runtime.models.ModelStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The project-made models under {@code src/test/resources/models/} (written by
 * {@code src/test/python/make_models.py}), installed into the test data folder's store the way a user installs
 * a folder with a manifest.
 */
final class TestModels {
    static final List<String> COLOURS = List.of("red", "green", "blue");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestModels() {
    }

    /** Installs {@code resource} as model {@code name}, with the colour labels; replaces an earlier install. */
    static InstalledModel install(String name, String resource, String task, String engine, int size,
                                  String outputFormat, boolean withLabels, Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        Path file = dir.resolve(resource);
        try (InputStream in = TestModels.class.getResourceAsStream("/models/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource models/" + resource + " is missing: run"
                        + " src/test/python/make_models.py");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        List<ModelFile> files = new ArrayList<>();
        files.add(new ModelFile("model", resource, ModelStore.sha256(file), Files.size(file)));
        if (withLabels) {
            Path labels = dir.resolve("labels.txt");
            Files.write(labels, COLOURS);
            files.add(new ModelFile("labels", "labels.txt", ModelStore.sha256(labels), Files.size(labels)));
        }
        JsonNode norm = JSON.readTree("{\"mean\":[0,0,0],\"std\":[1,1,1]}");
        ModelManifest manifest = new ModelManifest(name, task, engine, files, withLabels ? "labels" : null,
                List.of(size, size), norm, "made by src/test/python/make_models.py", "Apache-2.0", null, outputFormat);
        JSON.writeValue(dir.resolve("manifest.json").toFile(), manifest);
        ModelStore store = ModelStore.in(Engines.dataFolder());
        store.remove(name);
        return store.installFolder(dir, null);
    }
}
