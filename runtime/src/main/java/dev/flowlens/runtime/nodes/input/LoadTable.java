package dev.flowlens.runtime.nodes.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.io.CsvTables;
import dev.flowlens.runtime.io.FileProblem;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.nodes.FileFingerprints;
import dev.flowlens.runtime.nodes.Values;
import dev.flowlens.runtime.value.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a table from a CSV file (with a header row) or a JSON file holding an array of objects. */
public final class LoadTable implements NodeType {
    private static final NodeSpec SPEC = NodeSpec.builder("input.load_table", "Load table", "input")
            .description("Reads a CSV file with a header row, or a JSON array of objects, as a table.")
            .param(ParamSpec.PathParam.existingFile("path", "File", "A .csv or .json file; relative to the workflow's folder"))
            .param(ParamSpec.ChoiceParam.of("format", "Format", "auto", List.of("auto", "csv", "json"),
                    "auto: by the file's extension (.json is JSON, anything else CSV)"))
            .output(OutputSpec.of("table", PortType.TABLE, "The rows; CSV cells are text"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        Path file = context.resolveInput(input.params().text("path"));
        String format = input.params().text("format");
        if (format.equals("auto")) {
            format = file.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? "json" : "csv";
        }
        try {
            Table table = format.equals("json") ? readJson(file) : CsvTables.read(file);
            context.log("read " + table.size() + " rows from " + file.getFileName());
            return Map.of("table", table);
        } catch (FileProblem e) {
            throw new NodeFailure(e.getMessage(), e);
        }
    }

    @Override
    public String fingerprint(Params params, NodeContext context) {
        return FileFingerprints.of(context.resolveInput(params.text("path")));
    }

    static Table readJson(Path file) throws FileProblem {
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = Values.MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new FileProblem(name + ": the file does not exist (" + file.toAbsolutePath() + ")", e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new FileProblem(name + ": not valid JSON" + where + " (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new FileProblem(name + ": cannot read the file (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isArray()) {
            throw new FileProblem(name + ": expected a JSON array of objects, got "
                    + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            if (!element.isObject()) {
                throw new FileProblem(name + ": element " + (i + 1) + " of the array is "
                        + element.getNodeType().name().toLowerCase(Locale.ROOT) + ", expected an object (a row)");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = element.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                row.put(e.getKey(), Values.toCell(e.getValue()));
            }
            rows.add(row);
        }
        return Table.ofRows(rows);
    }
}
