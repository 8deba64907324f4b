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
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.nodes.Failures;
import dev.flowlens.runtime.nodes.Values;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes any value as pretty JSON, or as JSON Lines (one compact value per line; a list or table gives
 * one line per element), atomically. Tables become arrays of row objects, failed items objects with an
 * {@code error}.
 */
public final class WriteJson implements NodeType {
    private static final com.fasterxml.jackson.databind.ObjectWriter COMPACT = Values.MAPPER.writer()
            .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    private static final NodeSpec SPEC = NodeSpec.builder("output.write_json", "Write JSON", "output")
            .description("Writes a value to a JSON or JSON Lines file in the run's output folder.")
            .input(InputSpec.required("value", PortType.ANY, "What to write"))
            .param(ParamSpec.PathParam.outputFile("path", "File", "result.json", "Relative to the run's output folder"))
            .param(ParamSpec.BoolParam.of("jsonl", "JSON Lines", false, "One compact JSON value per line"))
            .output(OutputSpec.of("file", PortType.FILE_PATH, "The written file"))
            .flag(NodeFlag.OUTPUT)
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        JsonNode json = Values.toJson(input.get("value", Object.class));
        boolean jsonl = input.params().bool("jsonl");
        Path target = context.resolveOutput(input.params().text("path"));
        try {
            Path written = AtomicFiles.write(target, out -> {
                if (jsonl) {
                    Iterable<JsonNode> lines = json.isArray() ? json : java.util.List.of(json);
                    for (JsonNode line : lines) {
                        out.write(COMPACT.writeValueAsBytes(line));
                        out.write('\n');
                    }
                } else {
                    out.write(Values.pretty(json).getBytes(StandardCharsets.UTF_8));
                }
            });
            context.recordOutputFile(written);
            return Map.of("file", written);
        } catch (FileProblem e) {
            throw Failures.of(context, e.getMessage(), e);
        }
    }
}
