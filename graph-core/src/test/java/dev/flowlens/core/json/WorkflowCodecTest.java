package dev.flowlens.core.json;

import static dev.flowlens.core.TestCatalog.CATALOG;
import static dev.flowlens.core.TestCatalog.validWorkflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.model.Canvas;
import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.Frame;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.Position;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.core.model.Viewport;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.model.WorkflowId;
import dev.flowlens.core.validation.IssueCode;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.core.validation.WorkflowValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow file format: what is written, what is read back, and what a broken file tells the user. */
class WorkflowCodecTest {

    private static Workflow tiny() {
        return new Workflow(new WorkflowId("wf-1"), "Tiny", "Two nodes", List.of(
                NodeInstance.of("resize", "image.resize").withParam("width", ParamValue.of(640L))
                        .withParam("mode", ParamValue.of("fit")).withTitle("Thumb").withPosition(new Position(10, 20.5)),
                NodeInstance.of("vlm", "vlm.ask").withParam("api_key", new ParamValue.Secret(SecretRef.env("ZAI_KEY")))),
                List.of(Edge.of("resize.image", "vlm.image")),
                new Canvas(List.of(new Frame("f1", "Prep", 0, 0, 400, 300, "#ffcc00")), new Viewport(1.5, -10, 20)));
    }

    private static WorkflowFormatException failure(String text) {
        return catchThrowableOfType(WorkflowFormatException.class, () -> WorkflowCodec.read(text));
    }

    @Test
    void writesAFixedLayoutWithSortedParametersAndSecretsAsReferences() {
        assertThat(WorkflowCodec.write(tiny())).isEqualTo("""
                {
                  "formatVersion": 1,
                  "id": "wf-1",
                  "name": "Tiny",
                  "description": "Two nodes",
                  "nodes": [
                    {
                      "id": "resize",
                      "type": "image.resize",
                      "title": "Thumb",
                      "position": {
                        "x": 10.0,
                        "y": 20.5
                      },
                      "params": {
                        "mode": "fit",
                        "width": 640
                      }
                    },
                    {
                      "id": "vlm",
                      "type": "vlm.ask",
                      "position": {
                        "x": 0.0,
                        "y": 0.0
                      },
                      "params": {
                        "api_key": {
                          "$secret": "env:ZAI_KEY"
                        }
                      }
                    }
                  ],
                  "edges": [
                    {
                      "from": "resize.image",
                      "to": "vlm.image"
                    }
                  ],
                  "canvas": {
                    "viewport": {
                      "zoom": 1.5,
                      "x": -10.0,
                      "y": 20.0
                    },
                    "frames": [
                      {
                        "id": "f1",
                        "title": "Prep",
                        "x": 0.0,
                        "y": 0.0,
                        "width": 400.0,
                        "height": 300.0,
                        "color": "#ffcc00"
                      }
                    ]
                  }
                }
                """);
    }

    @Test
    void framesKeepFieldsThisVersionDoesNotKnowThroughALoadAndSave() throws Exception {
        Workflow read = WorkflowCodec.read("""
                {"formatVersion": 1, "nodes": [], "canvas": {"frames": [
                  {"id": "f1", "title": "Inputs", "x": 10, "y": 20, "width": 300, "height": 200,
                   "collapsed": true, "zIndex": 3, "style": {"dash": [4, 2]}}
                ]}}
                """);
        Frame frame = read.canvas().frames().get(0);
        assertThat(frame.title()).isEqualTo("Inputs");
        assertThat(frame.extra()).containsOnlyKeys("collapsed", "style", "zIndex");

        String written = WorkflowCodec.write(read);
        assertThat(written).contains("\"collapsed\": true").contains("\"zIndex\": 3").contains("\"dash\": [");
        assertThat(written.indexOf("\"height\"")).isLessThan(written.indexOf("\"collapsed\""));
        assertThat(WorkflowCodec.read(written)).isEqualTo(read);
        // They are values: changing a tree taken from a frame does not change the frame.
        ((ObjectNode) frame.extra().get("style")).put("dash", "solid");
        assertThat(WorkflowCodec.write(read)).isEqualTo(written);
        // An edit in the editor keeps them too.
        assertThat(frame.movedBy(5, 5).withTitle("Sources").withSize(400, 250).withColor("#1a7f37").extra())
                .isEqualTo(frame.extra());
    }

    @Test
    void filesWithoutFramesOrWithoutACanvasLoadWithNoFrames() throws Exception {
        assertThat(WorkflowCodec.read("{\"formatVersion\": 1, \"nodes\": []}").canvas()).isEqualTo(Canvas.EMPTY);
        assertThat(WorkflowCodec.read("{\"formatVersion\": 1, \"nodes\": [], \"canvas\": {\"viewport\": {\"zoom\": 2}}}")
                .canvas().frames()).isEmpty();
        // A version-0 file (before the canvas existed) too.
        assertThat(WorkflowCodec.read("{\"nodes\": []}").canvas().frames()).isEmpty();
    }

    @Test
    void writeThenReadGivesAnEqualWorkflow() throws Exception {
        for (Workflow w : List.of(tiny(), validWorkflow(), Workflow.empty("empty"))) {
            assertThat(WorkflowCodec.read(WorkflowCodec.write(w))).isEqualTo(w);
        }
    }

    @Test
    void writingTwiceIsByteIdenticalWhateverOrderParametersWereSetIn() throws Exception {
        NodeInstance a = NodeInstance.of("n", "image.resize").withParam("width", ParamValue.of(1L))
                .withParam("height", ParamValue.of(2L)).withParam("mode", ParamValue.of("fill"));
        NodeInstance b = NodeInstance.of("n", "image.resize").withParam("mode", ParamValue.of("fill"))
                .withParam("width", ParamValue.of(1L)).withParam("height", ParamValue.of(2L));
        Workflow wa = Workflow.empty("x").withNode(a);
        Workflow wb = new Workflow(wa.id(), "x", "", List.of(b), List.of(), Canvas.EMPTY);

        String first = WorkflowCodec.write(wa);
        assertThat(WorkflowCodec.write(wa)).isEqualTo(first);
        assertThat(WorkflowCodec.write(wb)).isEqualTo(first);
        assertThat(WorkflowCodec.write(WorkflowCodec.read(first))).isEqualTo(first);
        assertThat(first.indexOf("\"height\"")).isLessThan(first.indexOf("\"mode\"")).isLessThan(first.indexOf("\"width\""));
        assertThat(first).doesNotContain("\r").endsWith("}\n");
    }

    @Test
    void unknownParametersAreKeptAndOnlyWarnedAbout() throws Exception {
        String text = """
                {"formatVersion": 1, "id": "k", "nodes": [
                  {"id": "resize", "type": "image.resize", "params": {"width": 64, "future_knob": {"level": [1, 2]}}}
                ]}""";

        Workflow w = WorkflowCodec.read(text);

        assertThat(w.node("resize").orElseThrow().param("future_knob").orElseThrow())
                .isInstanceOfSatisfying(ParamValue.Json.class, j -> assertThat(j.value().toString()).isEqualTo("{\"level\":[1,2]}"));
        assertThat(WorkflowCodec.write(w)).contains("\"future_knob\": {", "\"level\": [");
        assertThat(WorkflowCodec.read(WorkflowCodec.write(w))).isEqualTo(w);
        assertThat(WorkflowValidator.validate(w, CATALOG)).extracting(ValidationIssue::code, ValidationIssue::field)
                .contains(org.assertj.core.groups.Tuple.tuple(IssueCode.UNKNOWN_PARAM, "future_knob"));
    }

    @Test
    void secretsAreWrittenAsReferencesOnly() throws Exception {
        Workflow w = validWorkflow();
        ObjectNode tree = WorkflowCodec.toTree(w);

        assertThat(tree.at("/nodes/3/params/api_key")).isEqualTo(JsonNodeFactory.instance.objectNode().put("$secret", "env:ZAI_KEY"));
        Workflow back = WorkflowCodec.read("""
                {"formatVersion": 1, "nodes": [{"id": "v", "type": "vlm.ask", "params": {"api_key": {"$secret": "keystore:zai.main"}}}]}""");
        assertThat(back.node("v").orElseThrow().param("api_key"))
                .contains(new ParamValue.Secret(new SecretRef(SecretRef.Source.KEYSTORE, "zai.main")));
    }

    @Test
    void aBadSecretReferenceIsAFormatErrorThatDoesNotEchoTheValue() {
        WorkflowFormatException e = failure("""
                {"formatVersion": 1, "nodes": [{"id": "v", "type": "vlm.ask", "params": {"api_key": {"$secret": 12345}}}]}""");
        assertThat(e.pointer()).isEqualTo("/nodes/0/params/api_key");
        assertThat(e.problem()).isEqualTo("a secret reference must be text such as \"env:API_KEY\"");
    }

    @Test
    void parameterNamesWithSlashesAndTildesArePointedAtCorrectly() {
        WorkflowFormatException e = failure(
                "{\"formatVersion\": 1, \"nodes\": [{\"id\": \"n\", \"type\": \"x.y\", \"params\": {\"a/b~c\": {\"$secret\": 5}}}]}");
        assertThat(e.pointer()).isEqualTo("/nodes/0/params/a~1b~0c");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(79);
    }

    @Test
    void aSecretPastedWhereItsReferenceBelongsIsNotEchoed() {
        for (String pasted : List.of("sk-live-0123456789abcdef", "sk:live0123456789abcdef", "env:sk live 0123456789abcdef")) {
            WorkflowFormatException e = failure("{\"formatVersion\": 1, \"nodes\": [{\"id\": \"v\", \"type\": \"vlm.ask\", "
                    + "\"params\": {\"api_key\": {\"$secret\": \"" + pasted + "\"}}}]}");
            assertThat(e.pointer()).isEqualTo("/nodes/0/params/api_key");
            assertThat(e.getMessage()).doesNotContain("0123456789abcdef").doesNotContain("sk-live").doesNotContain("\"sk\"")
                    .endsWith("a secret reference must look like \"env:API_KEY\" or \"keystore:NAME\" (letters, digits, "
                            + "'_', '.' or '-' after the colon); the file must not hold the secret itself");
        }
    }

    @Test
    void jsonParameterValuesEqualThemselvesAfterSaveAndLoad() throws Exception {
        ObjectNode built = JsonNodeFactory.instance.objectNode();
        built.put("count", 5L).put("ratio", 1.5f).put("big", new java.math.BigInteger("123456789012345678901234567890"));
        built.putArray("tags").add("a").add(2L);
        Workflow w = Workflow.empty("j").withNode(NodeInstance.of("n", "x.y").withParam("cfg", new ParamValue.Json(built)));

        assertThat(WorkflowCodec.read(WorkflowCodec.write(w))).isEqualTo(w);
    }

    @Test
    void jsonValuesThatCouldNotBeReadBackAreRefused() {
        assertThatThrownBy(() -> new ParamValue.Json(JsonNodeFactory.instance.nullNode()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be null");
        assertThatThrownBy(() -> new ParamValue.Json(JsonNodeFactory.instance.objectNode().put("$secret", "env:X")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ParamValue.Secret");
    }

    @Test
    void nullParametersAreTreatedAsNotSet() throws Exception {
        Workflow w = WorkflowCodec.read("""
                {"formatVersion": 1, "nodes": [{"id": "n", "type": "image.resize", "params": {"width": null}}]}""");
        assertThat(w.node("n").orElseThrow().params()).isEmpty();
    }

    @Test
    void versionZeroFileIsMigratedToTheSameWorkflowAsItsVersionOneForm() throws Exception {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/workflow-v0.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putArray("required").add("category");
        Workflow expected = new Workflow(new WorkflowId("legacy-listing-7f3a"), "Product listing (preview release)",
                "Saved by a FlowLens preview: no formatVersion, x/y on the node, links as lists.", List.of(
                        new NodeInstance(NodeId.of("load"), "image.load", "", Map.of("path", ParamValue.of("/photos/shoe.jpg")),
                                new Position(40, 80.5)),
                        new NodeInstance(NodeId.of("resize"), "image.resize", "Thumbnail", Map.of("width", ParamValue.of(512L),
                                "mode", ParamValue.of("fit"), "keep_alpha", ParamValue.of(false)), new Position(300, 0)),
                        new NodeInstance(NodeId.of("vlm"), "vlm.ask", "", Map.of(
                                "api_key", new ParamValue.Secret(SecretRef.env("ZAI_API_KEY")),
                                "prompt", ParamValue.of("Describe the product"),
                                "schema", new ParamValue.Json(schema),
                                "temperature", ParamValue.of(0.2),
                                "legacy_seed", ParamValue.of(7L)), new Position(560, 80)),
                        new NodeInstance(NodeId.of("report"), "report.csv", "", Map.of("path", ParamValue.of("out/listing.csv")),
                                new Position(820, 80))),
                List.of(Edge.of("load.image", "resize.image"), Edge.of("resize.image", "vlm.image"),
                        Edge.of("vlm.answer", "report.rows")),
                Canvas.EMPTY);

        Workflow read = WorkflowCodec.read(text, "workflow-v0.json");

        assertThat(read).isEqualTo(expected);
        assertThat(WorkflowValidator.validate(read, CATALOG)).extracting(ValidationIssue::code)
                .containsExactly(IssueCode.UNKNOWN_PARAM);
        String rewritten = WorkflowCodec.write(read);
        assertThat(rewritten).startsWith("{\n  \"formatVersion\": 1,").doesNotContain("\"links\"");
        assertThat(WorkflowCodec.read(rewritten)).isEqualTo(expected);
    }

    @Test
    void problemsInAVersionZeroFileAreShownWhereTheyAreWritten() {
        WorkflowFormatException badX = failure("""
                {
                  "nodes": [
                    {"id": "a", "type": "x.y", "x": "left"}
                  ]
                }""");
        assertThat(badX.getMessage()).isEqualTo(
                "workflow line 3, column 37 (at /nodes/0/position/x): \"x\" must be a number, got text \"left\"");

        WorkflowFormatException badLink = failure("""
                {
                  "nodes": [],
                  "links": [
                    ["a", "out", "b", "in"],
                    ["a", "out", "b"]
                  ]
                }""");
        assertThat(badLink.pointer()).isEqualTo("/edges/1");
        assertThat(badLink.line()).isEqualTo(5);
        assertThat(badLink.column()).isEqualTo(5);
    }

    @Test
    void newerFormatVersionIsRefusedClearly() {
        WorkflowFormatException e = failure("""
                {
                  "formatVersion": 2,
                  "nodes": []
                }""");
        assertThat(e.getMessage()).isEqualTo("workflow line 2, column 20 (at /formatVersion): written by a newer FlowLens "
                + "(format 2); this version reads formats up to 1");
        assertThat(e.problem()).isEqualTo("written by a newer FlowLens (format 2); this version reads formats up to 1");
    }

    @Test
    void formatVersionMustBeAWholeNumber() {
        for (String v : List.of("\"1\"", "1.5", "-1", "null", "99999999999")) {
            WorkflowFormatException e = failure("{\"formatVersion\": " + v + ", \"nodes\": []}");
            assertThat(e.pointer()).isEqualTo("/formatVersion");
            assertThat(e.problem()).isEqualTo("formatVersion must be a whole number, got " + v);
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.column()).isEqualTo(19);
        }
    }

    @Test
    void brokenJsonIsOneExceptionWithLineAndColumn() {
        WorkflowFormatException e = failure("""
                {
                  "formatVersion": 1,
                  "nodes": [
                    {"id": "a" "type": "x.y"}
                  ]
                }""");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(16);
        assertThat(e.pointer()).isEmpty();
        assertThat(e.getMessage()).startsWith("workflow line 4, column 16: not valid JSON: Unexpected character ('\"' (code 34)): "
                + "was expecting comma to separate Object entries");

        WorkflowFormatException trailingComma = failure("{\"nodes\": [], }");
        assertThat(trailingComma.line()).isEqualTo(1);
        assertThat(trailingComma.column()).isEqualTo(15);

        WorkflowFormatException trailingGarbage = failure("{\"formatVersion\": 1, \"nodes\": []} x");
        assertThat(trailingGarbage.line()).isEqualTo(1);
        assertThat(trailingGarbage.column()).isEqualTo(36);
    }

    @Test
    void aNodeIdThatIsANumberIsReportedAtItsPlace() {
        WorkflowFormatException e = failure("""
                {
                  "formatVersion": 1,
                  "nodes": [
                    {"id": 42, "type": "image.load"}
                  ]
                }""");
        assertThat(e.getMessage()).isEqualTo("workflow line 4, column 12 (at /nodes/0/id): \"id\" must be text, got the number 42");
    }

    @Test
    void aNodeIdThatBreaksTheRulesIsReportedAtItsPlace() {
        WorkflowFormatException e = failure("{\"formatVersion\": 1, \"nodes\": [{\"id\": \"a.b\", \"type\": \"x.y\"}]}");
        assertThat(e.pointer()).isEqualTo("/nodes/0/id");
        assertThat(e.column()).isEqualTo(39);
        assertThat(e.problem()).startsWith("node id must start with a letter");
    }

    @Test
    void aWireWithoutADotIsReportedAtItsPlace() {
        WorkflowFormatException e = failure("""
                {
                  "formatVersion": 1,
                  "nodes": [],
                  "edges": [
                    {"from": "a-b", "to": "c.d"}
                  ]
                }""");
        assertThat(e.getMessage()).isEqualTo("workflow line 5, column 14 (at /edges/0/from): expected \"node.port\", got \"a-b\"");
    }

    @Test
    void aTitleThatIsNotTextIsReportedOnItsNode() {
        WorkflowFormatException e = failure("{\"formatVersion\": 1, \"nodes\": [{\"id\": \"a\", \"type\": \"x.y\", \"title\": 5}]}");
        assertThat(e.pointer()).isEqualTo("/nodes/0/title");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(68);

        WorkflowFormatException frame = failure("{\"formatVersion\": 1, \"nodes\": [], \"canvas\": {\"frames\": "
                + "[{\"id\": \"f\", \"width\": 10, \"height\": 10, \"color\": false}]}}");
        assertThat(frame.pointer()).isEqualTo("/canvas/frames/0/color");
        assertThat(frame.problem()).isEqualTo("\"color\" must be text, got false");
    }

    @Test
    void structuralProblemsSayWhatWasExpected() {
        assertThat(failure("").problem()).isEqualTo("the file is empty");
        assertThat(failure("  \n ").problem()).isEqualTo("the file is empty");
        assertThat(failure("[]").getMessage()).isEqualTo(
                "workflow line 1, column 1: expected a JSON object with \"nodes\" and \"edges\", got a list");
        assertThat(failure("{\"formatVersion\": 1}").getMessage()).isEqualTo("workflow (at /nodes): missing \"nodes\" (a list)");
        assertThat(failure("{\"formatVersion\": 1, \"nodes\": {}}").problem()).isEqualTo("\"nodes\" must be a list, got an object");
        assertThat(failure("{\"formatVersion\": 1, \"nodes\": [], \"canvas\": {\"viewport\": {\"zoom\": 0}}}").problem())
                .isEqualTo("zoom must be greater than 0, got 0.0");
        assertThat(failure("{\"formatVersion\": 1, \"nodes\": [], \"canvas\": {\"frames\": [{\"id\": \"f\"}]}}").problem())
                .isEqualTo("frame f must have a finite position and a positive size");
        assertThat(failure("{\"formatVersion\": 1, \"nodes\": [{\"id\": \"n\", \"type\": \"x.y\", \"params\": {\"w\": 1e999}}]}")
                .problem()).isEqualTo("number is too large (the largest is about 1.8e308)");
        assertThat(failure("{\"formatVersion\": 1, \"nodes\": [{\"id\": \"n\"}]}").getMessage())
                .isEqualTo("workflow line 1, column 32 (at /nodes/0): missing \"type\"");
    }

    @Test
    void readsFilesAndNamesThemInMessages(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("listing.flowlens.json");
        Files.writeString(good, WorkflowCodec.write(validWorkflow()));
        assertThat(WorkflowCodec.read(good)).isEqualTo(validWorkflow());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\n  \"nodes\": [\n");
        assertThatThrownBy(() -> WorkflowCodec.read(broken))
                .isInstanceOf(WorkflowFormatException.class)
                .hasMessageStartingWith("broken.json line 3, column 1: not valid JSON");

        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, new byte[] {'{', '"', 'n', (byte) 0xE9, '"', ':', '1', '}'});
        assertThatThrownBy(() -> WorkflowCodec.read(latin1))
                .isInstanceOf(WorkflowFormatException.class)
                .hasMessage("latin1.json: file is not UTF-8 text; is this a workflow?");
    }

    @Test
    void readsFilesSavedWithAByteOrderMark(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("notepad.json");
        Files.write(file, ("\uFEFF" + WorkflowCodec.write(validWorkflow())).getBytes(StandardCharsets.UTF_8));
        assertThat(WorkflowCodec.read(file)).isEqualTo(validWorkflow());

        WorkflowFormatException e = failure("\uFEFF{\"formatVersion\": 1, \"nodes\": [{\"id\": 42}]}");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(39); // as an editor counts: the mark is not a column
    }

    @Test
    void deepNestingReadsUpToJacksonsLimitAndIsAFormatErrorBeyondIt() throws Exception {
        String deep = "[".repeat(990) + "]".repeat(990);
        Workflow w = WorkflowCodec.read("{\"formatVersion\": 1, \"nodes\": [{\"id\": \"n\", \"type\": \"x.y\", \"params\": {\"k\": "
                + deep + "}}]}");
        assertThat(WorkflowCodec.read(WorkflowCodec.write(w))).isEqualTo(w);

        String tooDeep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(failure("{\"formatVersion\": 1, \"nodes\": [], \"x\": " + tooDeep + "}").problem())
                .startsWith("not valid JSON: Document nesting depth (1001) exceeds the maximum allowed (1000");
    }

    @Test
    void readsATreeFromTheHttpApi() throws Exception {
        JsonNode tree = WorkflowCodec.toTree(validWorkflow());
        assertThat(WorkflowCodec.fromJson(tree)).isEqualTo(validWorkflow());
        assertThatThrownBy(() -> WorkflowCodec.fromJson(JsonNodeFactory.instance.textNode("x")))
                .isInstanceOf(WorkflowFormatException.class)
                .hasMessage("workflow: expected a JSON object, got text \"x\"");
    }

    @Test
    void aDocumentWithoutIdGetsAFreshOne() throws Exception {
        Workflow w = WorkflowCodec.read("{\"formatVersion\": 1, \"nodes\": []}");
        assertThat(w.id().value()).isNotBlank();
        assertThat(w.canvas()).isEqualTo(Canvas.EMPTY);
    }

    @Test
    void readingNeverNeedsTheCatalog() throws IOException, WorkflowFormatException {
        // A workflow with node types this installation does not have still loads, so the editor can show it.
        Workflow w = WorkflowCodec.read("{\"formatVersion\": 1, \"nodes\": [{\"id\": \"n\", \"type\": \"plugin.magic\"}]}");
        assertThat(WorkflowValidator.validate(w, CATALOG)).extracting(ValidationIssue::code)
                .containsExactly(IssueCode.UNKNOWN_NODE_TYPE);
    }
}
