package dev.flowlens.runtime.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code manifest.json} says about an installed model. {@code labels} is the role of the file that
 * holds labels or characters (empty when the model has none); {@code inputSize} is [height, width] or
 * empty when the model takes any size; {@code normalisation} describes the input scaling in words a user
 * and the loading code share (e.g. {"channels":"BGR","mean":[..],"std":[..]}); {@code architecture} names
 * the network for models saved in DJL's format, which store weights only (e.g. {"type":"mlp",
 * "hidden":[32],"outputs":3}); TorchScript and ONNX files carry their own graph and leave it out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(String name, String task, String engine, List<ModelFile> files, String labels,
                            List<Integer> inputSize, JsonNode normalisation, String source, String licence,
                            JsonNode architecture, String outputFormat) {
    public ModelManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(engine, "engine");
        files = List.copyOf(files);
        inputSize = inputSize == null ? List.of() : List.copyOf(inputSize);
        source = source == null ? "" : source;
        licence = licence == null ? "" : licence;
    }

    /** A manifest without an output format (every task but detection). */
    public ModelManifest(String name, String task, String engine, List<ModelFile> files, String labels,
                         List<Integer> inputSize, JsonNode normalisation, String source, String licence,
                         JsonNode architecture) {
        this(name, task, engine, files, labels, inputSize, normalisation, source, licence, architecture, null);
    }

    public Optional<ModelFile> file(String role) {
        return files.stream().filter(f -> f.role().equals(role)).findFirst();
    }
}
