package dev.flowlens.runtime.nodes.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.nodes.Failures;
import dev.flowlens.runtime.nodes.FileFingerprints;
import dev.flowlens.runtime.nodes.Values;
import dev.flowlens.runtime.value.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares a workflow's predictions with a CSV of human labels, matched by a key column (usually the file
 * name). Per field: accuracy, per-class precision, recall and F1, and a confusion matrix; overall: how many
 * items matched on every field, which keys have no prediction, which predictions have no label, which items
 * failed, and every mismatch. Writes {@code <name>.csv} (one row per item) and {@code <name>.json} (the
 * metrics) into the run's output folder.
 */
public final class CompareLabels implements NodeType {
    static final String FAILED = "(failed)";

    private static final NodeSpec SPEC = NodeSpec.builder("eval.compare_labels", "Compare with labels", "eval")
            .description("Accuracy, precision/recall/F1 and confusion matrices of predictions against a labelled CSV.")
            .input(InputSpec.required("predictions", PortType.TABLE, "The workflow's answers, one row per item"))
            .param(ParamSpec.PathParam.existingFile("labels", "Labels file",
                    "A CSV with a header row: the key column and one column per field; relative to the workflow"))
            .param(ParamSpec.TextParam.of("key", "Key column", "item", "The column that names the item in the predictions"))
            .param(ParamSpec.TextParam.of("label_key", "Key column in the labels", "",
                    "When the labels file names it differently (empty: same as key)"))
            .param(ParamSpec.TextParam.requiredText("fields", "Fields",
                    "Comma-separated columns to compare; prediction=label when the names differ"))
            .param(ParamSpec.TextParam.of("error_column", "Error column", "error",
                    "A prediction row with text here failed; it counts as wrong"))
            .param(ParamSpec.BoolParam.of("ignore_case", "Ignore case", true,
                    "Compare labels case-insensitively (spaces around them are always ignored)"))
            .param(ParamSpec.TextParam.of("name", "Report name", "evaluation",
                    "Writes <name>.csv and <name>.json in the run's output folder").withPattern("[^/\\\\]+"))
            .output(OutputSpec.of("metrics", PortType.JSON, "Accuracy, per-class metrics, confusion matrices"))
            .output(OutputSpec.of("table", PortType.TABLE, "One row per item: expected, predicted, correct"))
            .output(OutputSpec.of("csv", PortType.FILE_PATH, "The written <name>.csv"))
            .output(OutputSpec.of("json", PortType.FILE_PATH, "The written <name>.json"))
            .flag(NodeFlag.OUTPUT)
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public String fingerprint(Params params, NodeContext context) {
        return FileFingerprints.of(context.resolveInput(params.text("labels")));
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        Params p = input.params();
        Table predictions = input.get("predictions", Table.class);
        Path labelsFile = context.resolveInput(p.text("labels"));
        Table labels;
        try {
            labels = CsvTables.read(labelsFile);
        } catch (FileProblem e) {
            throw Failures.of(context, "labels: " + e.getMessage(), e);
        }
        String key = p.text("key").strip();
        String labelKey = p.text("label_key").isBlank() ? key : p.text("label_key").strip();
        Map<String, String> fields = parseFields(p.text("fields"), context); // prediction column -> label column
        String labelsName = labelsFile.getFileName().toString();
        requireColumn(context, predictions.columns(), key, "the predictions");
        requireColumn(context, labels.columns(), labelKey, labelsName);
        for (Map.Entry<String, String> f : fields.entrySet()) {
            requireColumn(context, labels.columns(), f.getValue(), labelsName);
            requireColumn(context, predictions.columns(), f.getKey(), "the predictions");
        }
        Map<String, Map<String, Object>> truth = byKey(labels, labelKey, labelsName, context);
        Map<String, Map<String, Object>> predicted = byKey(predictions, key, "the predictions", context);

        Evaluation evaluation = new Evaluation(fields, p.text("error_column"), p.bool("ignore_case"),
                predictions.columns());
        evaluation.run(truth, predicted);
        ObjectNode metrics = evaluation.metrics();
        Table table = evaluation.table(key);
        if (!evaluation.missing.isEmpty()) {
            context.log(evaluation.missing.size() + " labelled items have no prediction: " + preview(evaluation.missing));
        }
        if (!evaluation.extra.isEmpty()) {
            context.log(evaluation.extra.size() + " predictions have no label: " + preview(evaluation.extra));
        }

        String name = p.text("name").isBlank() ? "evaluation" : p.text("name").strip();
        try {
            Path csv = AtomicFiles.write(context.resolveOutput(name + ".csv"), out -> CsvTables.write(table, out));
            context.recordOutputFile(csv);
            Path json = AtomicFiles.write(context.resolveOutput(name + ".json"), out -> out.write(
                    Values.pretty(metrics).getBytes(StandardCharsets.UTF_8)));
            context.recordOutputFile(json);
            return Map.of("metrics", metrics, "table", table, "csv", csv, "json", json);
        } catch (FileProblem e) {
            throw Failures.of(context, e.getMessage(), e);
        }
    }

    private static Map<String, String> parseFields(String text, NodeContext context) throws NodeFailure {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String f = part.strip();
            if (f.isEmpty()) {
                continue;
            }
            int eq = f.indexOf('=');
            String pred = eq >= 0 ? f.substring(0, eq).strip() : f;
            String truth = eq >= 0 ? f.substring(eq + 1).strip() : f;
            if (fields.put(pred, truth) != null) {
                throw Failures.of(context, "fields: \"" + pred + "\" is named twice");
            }
        }
        if (fields.isEmpty()) {
            throw Failures.of(context, "fields: name at least one column to compare, e.g. label");
        }
        return fields;
    }

    private static void requireColumn(NodeContext context, List<String> columns, String column, String where)
            throws NodeFailure {
        if (!columns.contains(column)) {
            throw Failures.of(context, where + " has no column \"" + column + "\"; it has "
                    + (columns.isEmpty() ? "no columns" : String.join(", ", columns)));
        }
    }

    private static Map<String, Map<String, Object>> byKey(Table table, String key, String where, NodeContext context)
            throws NodeFailure {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        int blank = 0;
        for (Map<String, Object> row : table.rows()) {
            String k = Values.text(row.get(key)).strip();
            if (k.isEmpty()) {
                blank++;
                continue;
            }
            if (rows.putIfAbsent(k, row) != null) {
                duplicates.add(k);
            }
        }
        if (!duplicates.isEmpty()) {
            throw Failures.of(context, where + " has more than one row for " + preview(duplicates)
                    + "; each " + key + " must appear once");
        }
        if (blank > 0) {
            context.log(where + ": ignored " + blank + " rows with an empty " + key);
        }
        return rows;
    }

    static String preview(List<String> keys) {
        return keys.size() <= 10 ? String.join(", ", keys)
                : String.join(", ", keys.subList(0, 10)) + " and " + (keys.size() - 10) + " more";
    }

    /** The comparison itself; separate from the node so the numbers are easy to follow and test. */
    private static final class Evaluation {
        private final Map<String, String> fields;
        private final String errorColumn;
        private final boolean ignoreCase;
        private final boolean hasErrorColumn;
        private final List<Map<String, Object>> rows = new ArrayList<>();
        private final List<String> missing = new ArrayList<>();
        private final List<String> extra = new ArrayList<>();
        private final List<String> failed = new ArrayList<>();
        private final ArrayNode mismatches = JsonNodeFactory.instance.arrayNode();
        private final Map<String, FieldStats> stats = new LinkedHashMap<>();
        private int compared;
        private int allCorrect;

        Evaluation(Map<String, String> fields, String errorColumn, boolean ignoreCase, List<String> predictionColumns) {
            this.fields = fields;
            this.errorColumn = errorColumn;
            this.ignoreCase = ignoreCase;
            this.hasErrorColumn = !errorColumn.isBlank() && predictionColumns.contains(errorColumn);
            fields.keySet().forEach(f -> stats.put(f, new FieldStats()));
        }

        void run(Map<String, Map<String, Object>> truth, Map<String, Map<String, Object>> predicted) {
            for (Map.Entry<String, Map<String, Object>> t : truth.entrySet()) {
                Map<String, Object> prediction = predicted.get(t.getKey());
                if (prediction == null) {
                    missing.add(t.getKey());
                    rows.add(row(t.getKey(), "missing_prediction", t.getValue(), null, ""));
                    continue;
                }
                String error = hasErrorColumn ? Values.text(prediction.get(errorColumn)).strip() : "";
                boolean isFailed = !error.isEmpty();
                if (isFailed) {
                    failed.add(t.getKey());
                }
                compared++;
                boolean every = true;
                Map<String, Object> row = row(t.getKey(), isFailed ? "failed" : "compared", t.getValue(), prediction,
                        error);
                for (Map.Entry<String, String> f : fields.entrySet()) {
                    String expected = Values.text(t.getValue().get(f.getValue())).strip();
                    if (expected.isEmpty()) {
                        continue; // not labelled for this item: nothing to score
                    }
                    String got = isFailed ? FAILED : Values.text(prediction.get(f.getKey())).strip();
                    boolean correct = !isFailed && normalize(expected).equals(normalize(got));
                    stats.get(f.getKey()).add(normalize(expected), isFailed ? FAILED : normalize(got), correct);
                    row.put(f.getKey() + "_correct", correct);
                    if (!correct) {
                        every = false;
                        mismatches.addObject().put("key", t.getKey()).put("field", f.getKey())
                                .put("expected", expected).put("predicted", got);
                    }
                }
                if (every) {
                    allCorrect++;
                }
                row.put("status", isFailed ? "failed" : every ? "correct" : "wrong");
                rows.add(row);
            }
            for (Map.Entry<String, Map<String, Object>> pr : predicted.entrySet()) {
                if (!truth.containsKey(pr.getKey())) {
                    extra.add(pr.getKey());
                    String error = hasErrorColumn ? Values.text(pr.getValue().get(errorColumn)).strip() : "";
                    rows.add(row(pr.getKey(), "no_label", null, pr.getValue(), error));
                }
            }
        }

        private Map<String, Object> row(String key, String status, Map<String, Object> truth,
                                        Map<String, Object> prediction, String error) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", key);
            row.put("status", status);
            for (Map.Entry<String, String> f : fields.entrySet()) {
                row.put(f.getKey() + "_expected", truth == null ? null : Values.text(truth.get(f.getValue())).strip());
                row.put(f.getKey() + "_predicted", prediction == null ? null
                        : Values.text(prediction.get(f.getKey())).strip());
                row.put(f.getKey() + "_correct", null);
            }
            row.put("error", error);
            return row;
        }

        private String normalize(String s) {
            return ignoreCase ? s.toLowerCase(Locale.ROOT) : s;
        }

        /** One row per item; the key column keeps the predictions' name for it. */
        Table table(String key) {
            List<String> columns = new ArrayList<>();
            columns.add(key);
            columns.add("status");
            for (String f : fields.keySet()) {
                columns.add(f + "_expected");
                columns.add(f + "_predicted");
                columns.add(f + "_correct");
            }
            columns.add("error");
            List<Map<String, Object>> keyed = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                Map<String, Object> m = new LinkedHashMap<>(r);
                m.remove("key");
                Map<String, Object> ordered = new LinkedHashMap<>();
                ordered.put(key, r.get("key"));
                ordered.putAll(m);
                keyed.add(ordered);
            }
            return new Table(columns, keyed);
        }

        ObjectNode metrics() {
            JsonNodeFactory f = JsonNodeFactory.instance;
            ObjectNode m = f.objectNode();
            m.put("items_labelled", compared + missing.size());
            m.put("items_predicted", compared + extra.size());
            m.put("items_compared", compared);
            m.put("items_failed", failed.size());
            m.put("exact_match_accuracy", ratio(allCorrect, compared));
            double sum = 0;
            int n = 0;
            ObjectNode perField = f.objectNode();
            for (Map.Entry<String, FieldStats> e : stats.entrySet()) {
                ObjectNode fm = e.getValue().toJson();
                perField.set(e.getKey(), fm);
                if (e.getValue().total > 0) {
                    sum += e.getValue().correct / (double) e.getValue().total;
                    n++;
                }
            }
            m.put("mean_field_accuracy", n == 0 ? 0.0 : round(sum / n));
            m.set("fields", perField);
            ArrayNode miss = m.putArray("missing_predictions");
            missing.forEach(miss::add);
            ArrayNode ext = m.putArray("extra_predictions");
            extra.forEach(ext::add);
            ArrayNode fail = m.putArray("failed_items");
            failed.forEach(fail::add);
            m.set("mismatches", mismatches);
            return m;
        }
    }

    /** Counts for one field: totals, and expected/predicted pairs for the confusion matrix. */
    private static final class FieldStats {
        private final Map<String, Map<String, Integer>> confusion = new LinkedHashMap<>();
        private int total;
        private int correct;

        void add(String expected, String predicted, boolean isCorrect) {
            total++;
            if (isCorrect) {
                correct++;
            }
            confusion.computeIfAbsent(expected, k -> new LinkedHashMap<>()).merge(predicted, 1, Integer::sum);
        }

        ObjectNode toJson() {
            JsonNodeFactory f = JsonNodeFactory.instance;
            TreeSet<String> classes = new TreeSet<>(confusion.keySet());
            confusion.values().forEach(row -> classes.addAll(row.keySet()));
            classes.remove(FAILED);
            ObjectNode o = f.objectNode();
            o.put("compared", total);
            o.put("correct", correct);
            o.put("accuracy", ratio(correct, total));
            ObjectNode perClass = o.putObject("classes");
            double f1Sum = 0;
            int f1Count = 0;
            for (String c : classes) {
                int tp = count(c, c);
                int predictedAs = 0;
                for (Map<String, Integer> row : confusion.values()) {
                    predictedAs += row.getOrDefault(c, 0);
                }
                int support = confusion.getOrDefault(c, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
                double precision = predictedAs == 0 ? 0 : tp / (double) predictedAs;
                double recall = support == 0 ? 0 : tp / (double) support;
                double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                perClass.putObject(c).put("precision", round(precision)).put("recall", round(recall))
                        .put("f1", round(f1)).put("support", support);
                if (support > 0) {
                    f1Sum += f1;
                    f1Count++;
                }
            }
            o.put("macro_f1", f1Count == 0 ? 0.0 : round(f1Sum / f1Count));
            ObjectNode matrix = o.putObject("confusion");
            for (String expected : new TreeSet<>(confusion.keySet())) {
                ObjectNode row = matrix.putObject(expected);
                new TreeSet<>(confusion.get(expected).keySet()).forEach(pred -> row.put(pred, confusion.get(expected).get(pred)));
            }
            return o;
        }

        private int count(String expected, String predicted) {
            return confusion.getOrDefault(expected, Map.of()).getOrDefault(predicted, 0);
        }
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0.0 : round(a / (double) b);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
