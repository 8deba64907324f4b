package dev.flowlens.runtime.nodes.output;

import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeFlag;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.io.AtomicFiles;
import dev.flowlens.runtime.io.CsvTables;
import dev.flowlens.runtime.io.FileProblem;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.nodes.Failures;
import dev.flowlens.runtime.value.Table;
import java.nio.file.Path;
import java.util.Map;

/** Writes a table as a UTF-8 CSV file with a header row, atomically. */
public final class WriteCsv implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("output.write_csv", "Write CSV", "output")
            .description("Writes a table to a CSV file in the run's output folder.")
            .input(InputSpec.required("table", PortType.TABLE, "The table to write"))
            .param(ParamSpec.PathParam.outputFile("path", "File", "report.csv", "Relative to the run's output folder"))
            .output(OutputSpec.of("file", PortType.FILE_PATH, "The written file"))
            .flag(NodeFlag.OUTPUT)
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        Table table = input.get("table", Table.class);
        Path target = context.resolveOutput(input.params().text("path"));
        try {
            Path written = AtomicFiles.write(target, out -> CsvTables.write(table, out));
            context.recordOutputFile(written);
            context.log("wrote " + table.size() + " rows to " + written);
            return Map.of("file", written);
        } catch (FileProblem e) {
            throw Failures.of(context, e.getMessage(), e);
        }
    }
}
