package dev.flowlens.runtime.nodes.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.runtime.nodes.TestContext;
import dev.flowlens.runtime.nodes.Values;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.value.ItemError;
import dev.flowlens.runtime.value.Table;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataNodesTest {
    @TempDir
    Path dir;

    private static JsonNode json(String text) throws Exception {
        return Values.MAPPER.readTree(text);
    }

    private Map<String, Object> run(dev.flowlens.runtime.node.NodeType type, Map<String, ?> in, Map<String, ?> params)
            throws Exception {
        return TestContext.in(dir).run(type, in, params);
    }

    @Test
    void templateFillsFieldsAndText() throws Exception {
        String out = (String) run(new TextTemplate(),
                Map.of("json", json("{\"category\": \"mug\", \"size\": {\"ml\": 300}}"), "text", "on sale"),
                Map.of("template", "A {{ category }} of {{size.ml}} ml, {{text}}.")).get("text");

        assertThat(out).isEqualTo("A mug of 300 ml, on sale.");
    }

    @Test
    void templateNamesAMissingField() {
        assertThatThrownBy(() -> run(new TextTemplate(), Map.of("json", json("{\"category\": \"mug\"}")),
                Map.of("template", "Colour: {{color}}")))
                .hasMessage("Text template (node n1): template field {{color}} has no value; available: category");
    }

    @Test
    void jsonParseStripsCodeFences() throws Exception {
        JsonNode out = (JsonNode) run(new JsonParse(), Map.of("text", "```json\n{\"color\": \"red\"}\n```\n"), Map.of())
                .get("json");

        assertThat(out.get("color").asText()).isEqualTo("red");
    }

    @Test
    void jsonParseSaysWhereTheTextIsBroken() {
        assertThatThrownBy(() -> run(new JsonParse(), Map.of("text", "{\"color\": \"red\",\n \"size\" 3}"), Map.of()))
                .hasMessageStartingWith("not valid JSON at line 2, column 9:")
                .hasMessageContaining("near \"");
        assertThatThrownBy(() -> run(new JsonParse(), Map.of("text", "  "), Map.of()))
                .hasMessage("expected JSON, got empty text");
        assertThatThrownBy(() -> run(new JsonParse(), Map.of("text", "{\"a\": 1} trailing"), Map.of()))
                .hasMessageStartingWith("not valid JSON at line 1");
    }

    @Test
    void jsonExtractPicksFieldsByPointer() throws Exception {
        JsonNode in = json("{\"category\": \"mug\", \"product\": {\"color\": \"red\"}, \"tags\": [\"a\", \"b\"]}");

        JsonNode out = (JsonNode) run(new JsonExtract(), Map.of("json", in),
                Map.of("fields", "category=/category, color=/product/color, /tags/1, size=/size")).get("json");

        assertThat(out.toString()).isEqualTo("{\"category\":\"mug\",\"color\":\"red\",\"1\":\"b\",\"size\":null}");
        assertThatThrownBy(() -> run(new JsonExtract(), Map.of("json", in), Map.of("fields", "size=/size", "required", true)))
                .hasMessageStartingWith("field size: nothing at /size in {");
    }

    @Test
    void mergeRowPutsTheItemNameFirst() throws Exception {
        ImageValue img = new ImageValue(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "coffee.png", null);

        JsonNode row = (JsonNode) run(new MergeRow(), Map.of("image", img,
                "json1", json("{\"width\": 600, \"mode\": \"color\"}"),
                "json2", json("{\"mode\": \"grayscale\", \"label\": \"cup\"}"),
                "text", "a cup", "number", 0.5), Map.of("number_column", "score")).get("row");

        assertThat(row.toString()).isEqualTo(
                "{\"item\":\"coffee.png\",\"width\":600,\"mode\":\"grayscale\",\"label\":\"cup\",\"text\":\"a cup\",\"score\":0.5}");
        JsonNode fromFile = (JsonNode) run(new MergeRow(), Map.of("file", Path.of("/data/in/rocket.jpg")), Map.of())
                .get("row");
        assertThat(fromFile.get("item").asText()).isEqualTo("rocket.jpg");
    }

    @Test
    void toTableMakesFailedItemsRows() throws Exception {
        List<Object> rows = List.of(
                json("{\"item\": \"a.png\", \"score\": 0.9, \"product\": {\"color\": \"red\"}}"),
                new ItemError("truncated.jpg", "Check image (node check)", "truncated.jpg: the JPEG data ends early"),
                json("{\"item\": \"b.png\", \"score\": 0.2, \"tags\": [1, 2]}"));
        TestContext ctx = TestContext.in(dir);

        Table table = (Table) ctx.run(new ToTable(), Map.of("rows", rows), Map.of()).get("table");

        assertThat(table.columns()).containsExactly("item", "score", "product.color", "tags", "error");
        assertThat(table.rows().get(0)).containsEntry("product.color", "red").containsEntry("score", 0.9);
        assertThat(table.rows().get(1)).containsEntry("item", "truncated.jpg")
                .containsEntry("error", "truncated.jpg: the JPEG data ends early");
        assertThat(table.rows().get(2)).containsEntry("tags", "[1,2]");
        assertThat(ctx.logs()).contains("1 of 3 items failed; they are rows with an error value");
    }

    private static Table scores() {
        return Table.ofRows(List.of(
                row("item", "a.png", "label", "cat", "score", 0.9, "error", null),
                row("item", "b.png", "label", "dog", "score", 0.4, "error", null),
                row("item", "c.png", "label", "cat", "score", "0.7", "error", ""),
                row("item", "d.png", "label", null, "score", null, "error", "d.png: damaged")));
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "score > 0.5|a.png,c.png",
            "score >= 0.4 and label == cat|a.png,c.png",
            "label == dog or score>0.8|a.png,b.png",
            "error is empty|a.png,b.png,c.png",
            "error is not empty|d.png",
            "not (label == cat)|b.png,d.png",
            "label != cat|b.png,d.png",
            "item contains 'c.'|c.png",
            "score < 0.5|b.png",
            "`item` == \"a.png\"|a.png",
            "score == 0.70|c.png"})
    void filterRows(String condition, String expected) throws Exception {
        Map<String, Object> out = run(new FilterRows(), Map.of("table", scores()), Map.of("condition", condition));

        Table kept = (Table) out.get("table");
        assertThat(kept.rows()).extracting(r -> r.get("item")).containsExactly((Object[]) expected.split(","));
        assertThat(((Table) out.get("rejected")).size()).isEqualTo(4 - kept.size());
        assertThat(out.get("count")).isEqualTo((long) kept.size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "scor > 0.5|the table has no column \"scor\"; it has item, label, score, error",
            "score >|expected a value after > at the end",
            "score > high|> compares numbers, but \"high\" is not a number",
            "score > 0.5 and|expected a comparison such as score > 0.5 at the end",
            "(score > 0.5|expected \")\" at the end",
            "label = 'cat|the ' at position 9 is not closed",
            "error is full|expected \"empty\" after \"is\" at position 10 (\"full\")",
            "score 0.5|expected ==, !=, >, >=, <, <=, contains or \"is empty\" after score, at position 7 (\"0.5\")"})
    void filterRowsExplainsBadConditions(String condition, String message) {
        assertThatThrownBy(() -> run(new FilterRows(), Map.of("table", scores()), Map.of("condition", condition)))
                .hasMessageStartingWith("Filter rows (node n1): condition \"" + condition + "\"")
                .hasMessageContaining(message);
    }

    @Test
    void flagRowsKeepsEveryRowAndSaysWhichAreFlaggedAndWhy() throws Exception {
        Map<String, Object> out = run(new FlagRows(), Map.of("table", scores()),
                Map.of("condition", "label == cat and score > 0.8", "reason", "confident cat"));

        Table all = (Table) out.get("table");
        Table flagged = (Table) out.get("flagged");
        assertThat(all.columns()).containsExactly("item", "label", "score", "error", "flagged");
        assertThat(all.rows()).extracting(r -> r.get("flagged")).containsExactly(true, false, false, false);
        assertThat(flagged.columns()).containsExactly("item", "label", "score", "error", "flag_reason");
        assertThat(flagged.rows()).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("item", "a.png").containsEntry("flag_reason", "confident cat"));
        assertThat(out.get("count")).isEqualTo(1L);
        assertThatThrownBy(() -> run(new FlagRows(), Map.of("table", scores()), Map.of("condition", "colour == grey")))
                .hasMessageStartingWith("Flag rows (node n1): condition \"colour == grey\": the table has no column");
    }

    @Test
    void selectColumnsKeepsOrdersAndRenames() throws Exception {
        Table out = (Table) run(new SelectColumns(), Map.of("table", scores()),
                Map.of("columns", "score, file=item")).get("table");

        assertThat(out.columns()).containsExactly("score", "file");
        assertThat(out.rows().get(0)).containsEntry("file", "a.png").containsEntry("score", 0.9);
        assertThatThrownBy(() -> run(new SelectColumns(), Map.of("table", scores()), Map.of("columns", "item,colour")))
                .hasMessage("Select columns (node n1): columns: the table has no column \"colour\"; it has "
                        + "item, label, score, error");
    }

    /** An hourly scan that found no new files reaches these nodes with a table that has no rows and no columns. */
    @Test
    void anEmptyTableFiltersAndSelectsToNothingInsteadOfFailing() throws Exception {
        Table empty = Table.ofRows(List.of());

        Map<String, Object> filtered = run(new FilterRows(), Map.of("table", empty), Map.of("condition", "mode == grayscale"));
        Table selected = (Table) run(new SelectColumns(), Map.of("table", empty), Map.of("columns", "item, mode")).get("table");

        assertThat(((Table) filtered.get("table")).rows()).isEmpty();
        assertThat(filtered.get("count")).isEqualTo(0L);
        assertThat(selected.rows()).isEmpty();
        assertThat(selected.columns()).containsExactly("item", "mode");
        // The condition's syntax is still checked when there is nothing to filter.
        assertThatThrownBy(() -> run(new FilterRows(), Map.of("table", empty), Map.of("condition", "mode ==")))
                .hasMessageContaining("expected a value after == at the end");
    }
}
