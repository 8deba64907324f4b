package dev.flowlens.runtime.nodes.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.runtime.io.CsvTables;
import dev.flowlens.runtime.nodes.TestContext;
import dev.flowlens.runtime.nodes.Values;
import dev.flowlens.runtime.value.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-checked example. Labels: a cat/black, b Cat/white, c dog/black, d dog/(no colour), e bird/blue,
 * g dog/black. Predictions: a cat/black, b dog/white, c dog/brown, d DOG/red, f cat/black (no label),
 * g failed. e has no prediction.
 *
 * <p>label over a,b,c,d,g: 3 of 5 right = 0.6. cat: support 2 (a,b), predicted once (a), right once: precision
 * 1, recall 0.5, F1 0.6667. dog: support 3 (c,d,g), predicted 3 times (b,c,d), right twice: precision,
 * recall, F1 0.6667. colour over a,b,c,g (d is unlabelled): 2 of 4 = 0.5. Every field right: a and d = 2 of 5.
 */
class CompareLabelsTest {
    @TempDir
    Path dir;

    private Table predictions;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("labels.csv"), "file,label,colour\n"
                + "a.png,cat,black\nb.png,Cat,white\nc.png,dog,black\nd.png,dog,\ne.png,bird,blue\ng.png,dog,black\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("a.png", "cat", "black", null));
        rows.add(row("b.png", "dog", "white", null));
        rows.add(row("c.png", "dog", "brown", null));
        rows.add(row("d.png", "DOG", "red", null));
        rows.add(row("f.png", "cat", "black", null));
        rows.add(row("g.png", null, null, "g.png: the PNG data ends early (truncated file)"));
        predictions = new Table(List.of("item", "label", "color", "error"), rows);
    }

    private static Map<String, Object> row(String item, String label, String color, String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", item);
        m.put("label", label);
        m.put("color", color);
        m.put("error", error);
        return m;
    }

    private Map<String, Object> compare(Map<String, ?> params) throws Exception {
        return TestContext.in(dir).run(new CompareLabels(), Map.of("predictions", predictions), params);
    }

    @Test
    void numbersMatchTheHandCheckedExample() throws Exception {
        JsonNode m = (JsonNode) compare(Map.of("labels", "labels.csv", "label_key", "file",
                "fields", "label, color=colour")).get("metrics");

        assertThat(m.get("items_labelled").asInt()).isEqualTo(6);
        assertThat(m.get("items_predicted").asInt()).isEqualTo(6);
        assertThat(m.get("items_compared").asInt()).isEqualTo(5);
        assertThat(m.get("items_failed").asInt()).isEqualTo(1);
        assertThat(m.get("exact_match_accuracy").asDouble()).isEqualTo(0.4);
        assertThat(m.get("mean_field_accuracy").asDouble()).isEqualTo(0.55);
        JsonNode label = m.get("fields").get("label");
        assertThat(label.get("accuracy").asDouble()).isEqualTo(0.6);
        assertThat(label.get("classes").get("cat").toString())
                .isEqualTo("{\"precision\":1.0,\"recall\":0.5,\"f1\":0.6667,\"support\":2}");
        assertThat(label.get("classes").get("dog").toString())
                .isEqualTo("{\"precision\":0.6667,\"recall\":0.6667,\"f1\":0.6667,\"support\":3}");
        assertThat(label.get("macro_f1").asDouble()).isEqualTo(0.6667);
        assertThat(label.get("confusion").toString())
                .isEqualTo("{\"cat\":{\"cat\":1,\"dog\":1},\"dog\":{\"(failed)\":1,\"dog\":2}}");
        JsonNode color = m.get("fields").get("color");
        assertThat(color.get("compared").asInt()).isEqualTo(4);
        assertThat(color.get("accuracy").asDouble()).isEqualTo(0.5);
        assertThat(m.get("missing_predictions").toString()).isEqualTo("[\"e.png\"]");
        assertThat(m.get("extra_predictions").toString()).isEqualTo("[\"f.png\"]");
        assertThat(m.get("failed_items").toString()).isEqualTo("[\"g.png\"]");
        assertThat(m.get("mismatches").toString()).isEqualTo("["
                + "{\"key\":\"b.png\",\"field\":\"label\",\"expected\":\"Cat\",\"predicted\":\"dog\"},"
                + "{\"key\":\"c.png\",\"field\":\"color\",\"expected\":\"black\",\"predicted\":\"brown\"},"
                + "{\"key\":\"g.png\",\"field\":\"label\",\"expected\":\"dog\",\"predicted\":\"(failed)\"},"
                + "{\"key\":\"g.png\",\"field\":\"color\",\"expected\":\"black\",\"predicted\":\"(failed)\"}]");
    }

    @Test
    void writesCsvAndJsonAndReportsMissingAndExtraKeys() throws Exception {
        TestContext ctx = TestContext.in(dir);
        Map<String, Object> out = ctx.run(new CompareLabels(), Map.of("predictions", predictions),
                Map.of("labels", "labels.csv", "label_key", "file", "fields", "label,color=colour", "name", "eval 1"));

        Path csv = (Path) out.get("csv");
        Path json = (Path) out.get("json");
        assertThat(csv).isEqualTo(dir.resolve("out/eval 1.csv"));
        assertThat(ctx.outputFiles()).containsExactly(csv, json);
        Table written = CsvTables.read(csv);
        assertThat(written.columns()).containsExactly("item", "status", "label_expected", "label_predicted",
                "label_correct", "color_expected", "color_predicted", "color_correct", "error");
        assertThat(written.rows()).extracting(r -> r.get("item") + ":" + r.get("status")).containsExactly(
                "a.png:correct", "b.png:wrong", "c.png:wrong", "d.png:correct", "e.png:missing_prediction",
                "g.png:failed", "f.png:no_label");
        assertThat(written.rows().get(1)).containsEntry("label_expected", "Cat").containsEntry("label_predicted", "dog")
                .containsEntry("label_correct", "false");
        assertThat(Values.MAPPER.readTree(json.toFile()).get("exact_match_accuracy").asDouble()).isEqualTo(0.4);
        assertThat(((Table) out.get("table")).size()).isEqualTo(7);
        assertThat(ctx.logs()).contains("1 labelled items have no prediction: e.png", "1 predictions have no label: f.png");
    }

    @Test
    void caseCanMatter() throws Exception {
        JsonNode m = (JsonNode) compare(Map.of("labels", "labels.csv", "label_key", "file", "fields", "label",
                "ignore_case", false)).get("metrics");

        assertThat(m.get("fields").get("label").get("accuracy").asDouble()).isEqualTo(0.4); // d's DOG is now wrong
    }

    @Test
    void problemsWithTheLabelFileAreReportedNotCrashes() throws Exception {
        Files.writeString(dir.resolve("dup.csv"), "file,label\na.png,cat\na.png,dog\n");

        assertThatThrownBy(() -> compare(Map.of("labels", "dup.csv", "label_key", "file", "fields", "label")))
                .hasMessage("Compare with labels (node n1): dup.csv has more than one row for a.png; "
                        + "each file must appear once");
        assertThatThrownBy(() -> compare(Map.of("labels", "labels.csv", "fields", "label")))
                .hasMessage("Compare with labels (node n1): labels.csv has no column \"item\"; it has file, label, colour");
        assertThatThrownBy(() -> compare(Map.of("labels", "labels.csv", "label_key", "file", "fields", "shape")))
                .hasMessage("Compare with labels (node n1): labels.csv has no column \"shape\"; it has file, label, colour");
        assertThatThrownBy(() -> compare(Map.of("labels", "nope.csv", "fields", "label")))
                .hasMessageStartingWith("Compare with labels (node n1): labels: nope.csv: the file does not exist");
    }

    @Test
    void fingerprintFollowsTheLabelFile() throws Exception {
        CompareLabels node = new CompareLabels();
        var params = TestContext.params(node.spec(), Map.of("labels", "labels.csv", "fields", "label"));
        TestContext ctx = TestContext.in(dir);
        String before = node.fingerprint(params, ctx);

        Files.writeString(dir.resolve("labels.csv"), "file,label\na.png,cat\n");

        assertThat(node.fingerprint(params, ctx)).isNotEqualTo(before);
    }
}
