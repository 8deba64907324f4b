package dev.flowlens.core.validation;

import static dev.flowlens.core.TestCatalog.CATALOG;
import static dev.flowlens.core.TestCatalog.node;
import static dev.flowlens.core.TestCatalog.validWorkflow;
import static dev.flowlens.core.TestCatalog.workflow;
import static dev.flowlens.core.validation.IssueCode.CYCLE;
import static dev.flowlens.core.validation.IssueCode.DANGLING_EDGE;
import static dev.flowlens.core.validation.IssueCode.DUPLICATE_NODE_ID;
import static dev.flowlens.core.validation.IssueCode.MULTIPLE_EDGES_INTO_INPUT;
import static dev.flowlens.core.validation.IssueCode.PATTERN_MISMATCH;
import static dev.flowlens.core.validation.IssueCode.REQUIRED_INPUT_MISSING;
import static dev.flowlens.core.validation.IssueCode.REQUIRED_PARAM_MISSING;
import static dev.flowlens.core.validation.IssueCode.SECRET_NOT_A_REFERENCE;
import static dev.flowlens.core.validation.IssueCode.TYPE_MISMATCH;
import static dev.flowlens.core.validation.IssueCode.UNKNOWN_NODE_TYPE;
import static dev.flowlens.core.validation.IssueCode.UNKNOWN_PARAM;
import static dev.flowlens.core.validation.IssueCode.UNKNOWN_PORT;
import static dev.flowlens.core.validation.IssueCode.VALUE_NOT_IN_CHOICES;
import static dev.flowlens.core.validation.IssueCode.VALUE_OUT_OF_RANGE;
import static dev.flowlens.core.validation.IssueCode.WRONG_VALUE_TYPE;
import static dev.flowlens.core.validation.ValidationIssue.error;
import static dev.flowlens.core.validation.ValidationIssue.warning;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every issue code the validator reports, with the exact message a user reads and where it is attached. */
class WorkflowValidatorTest {

    private static List<ValidationIssue> validate(Workflow w) {
        return WorkflowValidator.validate(w, CATALOG);
    }

    private static NodeId id(String value) {
        return NodeId.of(value);
    }

    /** The valid workflow with one node's parameter set. */
    private static Workflow withParam(String nodeId, String param, ParamValue value) {
        Workflow w = validWorkflow();
        return w.withNode(w.node(nodeId).orElseThrow().withParam(param, value));
    }

    private static Workflow withoutParam(String nodeId, String param) {
        Workflow w = validWorkflow();
        return w.withNode(w.node(nodeId).orElseThrow().withoutParam(param));
    }

    @Test
    void theShowcaseWorkflowIsValid() {
        assertThat(validate(validWorkflow())).isEmpty();
    }

    @Test
    void anEmptyWorkflowIsValid() {
        assertThat(validate(Workflow.empty("nothing"))).isEmpty();
    }

    @Nested
    class Nodes {
        @Test
        void unknownTypeSuggestsTheClosestKnownOne() {
            Workflow w = validWorkflow();
            w = w.withNode(w.node("resize").orElseThrow().withParams(java.util.Map.of()));
            w = w.withNode(new NodeInstance(id("resize"), "image.resise", "", java.util.Map.of(),
                    dev.flowlens.core.model.Position.ORIGIN));

            assertThat(validate(w)).containsExactly(error(id("resize"), null, UNKNOWN_NODE_TYPE,
                    "image.resise (node resize): unknown node type \"image.resise\"; did you mean \"image.resize\"?"));
        }

        @Test
        void unknownTypeFarFromEveryKnownOneHasNoSuggestionAndUsesTheTitle() {
            Workflow w = validWorkflow();
            w = w.withNode(w.node("ocr").orElseThrow().withTitle("Read the page"));
            w = w.withNode(new NodeInstance(id("ocr"), "tesseract.recognize_everything", "Read the page",
                    java.util.Map.of(), dev.flowlens.core.model.Position.ORIGIN));

            assertThat(validate(w)).containsExactly(error(id("ocr"), null, UNKNOWN_NODE_TYPE,
                    "Read the page (node ocr): unknown node type \"tesseract.recognize_everything\""));
        }

        @Test
        void unknownTypeIsReportedOnceNotAgainOnItsWiresOrParameters() {
            // resize is wired in and out (load -> resize -> ocr, vlm) and carries parameters resize does not know:
            // only the unknown type is reported; no type mismatch, unknown port, missing input or unknown param.
            Workflow w = validWorkflow();
            NodeInstance old = w.node("resize").orElseThrow();
            w = w.withNode(new NodeInstance(old.id(), "image.upscale_by_magic", "", java.util.Map.of(
                    "strength", ParamValue.of(3L)), old.position()));
            List<Edge> edges = new ArrayList<>(w.edges());
            edges.remove(Edge.of("vlm.answer", "report.rows"));
            edges.add(Edge.of("resize.no_such_output", "report.rows"));
            w = w.withEdges(edges);

            assertThat(validate(w)).extracting(ValidationIssue::code).containsExactly(UNKNOWN_NODE_TYPE);
        }

        @Test
        void duplicateIdIsReportedOnTheId() {
            Workflow w = validWorkflow();
            List<NodeInstance> nodes = new ArrayList<>(w.nodes());
            nodes.add(node("ocr", "ocr.read", "language", "English"));
            w = workflow(nodes, w.edges().stream().map(Edge::toString).toArray(String[]::new));

            // The second "ocr" is not checked further (its bad language is not reported): the id is the problem.
            assertThat(validate(w)).containsExactly(error(id("ocr"), null, DUPLICATE_NODE_ID,
                    "Node id \"ocr\" is used by more than one node; ids must be unique"));
        }
    }

    @Nested
    class Wires {
        @Test
        void danglingWireIsReportedOnTheInputItEndsInAndTheInputIsNotAlsoMissing() {
            Workflow w = validWorkflow();
            w = new Workflow(w.id(), w.name(), w.description(),
                    w.nodes().stream().filter(n -> !n.id().value().equals("load")).toList(), w.edges(), w.canvas());

            assertThat(validate(w)).containsExactly(error(id("resize"), "image", DANGLING_EDGE,
                    "Wire load.image -> resize.image refers to node \"load\", which is not in the workflow"));
        }

        @Test
        void danglingWireOutOfAKnownNodeIsReportedOnThatNode() {
            Workflow w = validWorkflow().withEdges(List.of(
                    Edge.of("load.image", "resize.image"), Edge.of("resize.image", "ocr.image"),
                    Edge.of("resize.image", "vlm.image"), Edge.of("vlm.answer", "report.rows"),
                    Edge.of("ocr.text", "gone.context")));

            assertThat(validate(w)).containsExactly(error(id("ocr"), null, DANGLING_EDGE,
                    "Wire ocr.text -> gone.context refers to node \"gone\", which is not in the workflow"));
        }

        @Test
        void wireBetweenTwoMissingNodesNamesBothAndBelongsToNoNode() {
            Workflow w = validWorkflow();
            List<Edge> edges = new ArrayList<>(w.edges());
            edges.add(Edge.of("ghost.out", "phantom.in"));

            assertThat(validate(w.withEdges(edges))).containsExactly(error(null, null, DANGLING_EDGE,
                    "Wire ghost.out -> phantom.in refers to nodes \"ghost\" and \"phantom\", which are not in the workflow"));
        }

        @Test
        void unknownOutputIsReportedOnTheSourceAndTheInputIsNotAlsoMissing() {
            Workflow w = validWorkflow();
            List<Edge> edges = new ArrayList<>(w.edges());
            edges.set(1, Edge.of("resize.picture", "ocr.image"));

            assertThat(validate(w.withEdges(edges))).containsExactly(error(id("resize"), "picture", UNKNOWN_PORT,
                    "Resize (node resize) has no output \"picture\"; it has image"));
        }

        @Test
        void unknownInputIsReportedOnTheTargetAndItsWireMakesNoCycle() {
            // resize.image -> load.image would close load -> resize -> load, but the wire ends nowhere.
            Workflow w = validWorkflow();
            List<Edge> edges = new ArrayList<>(w.edges());
            edges.add(Edge.of("resize.image", "load.image"));

            assertThat(validate(w.withEdges(edges))).containsExactly(error(id("load"), "image", UNKNOWN_PORT,
                    "Load Image (node load) has no input \"image\"; it has none"));
        }

        @Test
        void requiredInputWithoutWireIsMissingButOptionalOneIsNot() {
            Workflow w = validWorkflow().withoutEdge(Edge.of("load.image", "resize.image"))
                    .withoutEdge(Edge.of("ocr.text", "vlm.context"));

            assertThat(validate(w)).containsExactly(error(id("resize"), "image", REQUIRED_INPUT_MISSING,
                    "Resize (node resize): input \"image\" (Image) needs a wire"));
        }

        @Test
        void missingListInputNamesTheListType() {
            Workflow w = validWorkflow().withoutEdge(Edge.of("vlm.answer", "report.rows"));

            assertThat(validate(w)).containsExactly(error(id("report"), "rows", REQUIRED_INPUT_MISSING,
                    "CSV Report (node report): input \"rows\" (List of JSON) needs a wire"));
        }

        @Test
        void typeMismatchSaysWhatTheInputExpectsAndWhatTheOutputGives() {
            Workflow w = workflow(List.of(node("load", "image.load", "path", "a.png"), node("ocr", "ocr.read"),
                    node("resize", "image.resize")), "load.image -> ocr.image", "ocr.text -> resize.image");

            assertThat(validate(w)).containsExactly(error(id("resize"), "image", TYPE_MISMATCH,
                    "Resize.image expects Image, but OCR.text gives Text"));
        }

        @Test
        void typeMismatchUsesTitlesAndListNames() {
            Workflow w = workflow(List.of(node("files", "image.folder", "folder", "/in").withTitle("Uploads"),
                    node("resize", "image.resize")), "files.files -> resize.image");

            assertThat(validate(w)).containsExactly(error(id("resize"), "image", TYPE_MISMATCH,
                    "Resize.image expects Image, but Uploads.files gives List of File path"));
        }

        @Test
        void fanOutWrapWideningAndAnyAreNotMismatches() {
            Workflow w = workflow(List.of(
                    node("files", "image.folder", "folder", "/in"),
                    node("check", "image.check"),           // list<file_path> -> file_path: fan-out
                    node("ocr", "ocr.read"),
                    node("count", "math.scale"),            // integer -> number
                    node("show", "output.preview"),         // anything -> any
                    node("vlm", "vlm.ask", "api_key", new ParamValue.Secret(dev.flowlens.core.model.SecretRef.env("KEY")),
                            "prompt", "What is it?", "schema", dev.flowlens.core.TestCatalog.schema()),
                    node("report", "report.csv")),          // json -> list<json>: wrap
                    "files.files -> check.file", "check.image -> ocr.image", "ocr.line_count -> count.value",
                    "ocr.lines -> show.value", "check.image -> vlm.image", "vlm.answer -> report.rows");

            assertThat(validate(w)).isEmpty();
        }

        @Test
        void twoWiresIntoOneInputAreReportedOnThatInput() {
            Workflow w = workflow(List.of(node("a", "image.load", "path", "a.png"), node("b", "image.load", "path", "b.png"),
                    node("resize", "image.resize")), "a.image -> resize.image", "b.image -> resize.image");

            assertThat(validate(w)).containsExactly(error(id("resize"), "image", MULTIPLE_EDGES_INTO_INPUT,
                    "Resize (node resize): input \"image\" has 2 wires; an input takes one"));
        }

        @Test
        void cycleNamesItsNodesInWireOrder() {
            Workflow w = workflow(List.of(node("a", "image.resize"), node("b", "image.resize"), node("c", "image.resize")),
                    "a.image -> b.image", "b.image -> c.image", "c.image -> a.image");

            assertThat(validate(w)).containsExactly(error(id("a"), null, CYCLE,
                    "Wires form a cycle: a -> b -> c -> a; a workflow must flow one way"));
        }

        @Test
        void cycleReachedFromOutsideNamesOnlyTheNodesOnIt() {
            // load feeds vlm; vlm -> ... cannot loop back (json), so loop through the resizers behind a preview.
            Workflow w = workflow(List.of(node("first", "image.resize"), node("x", "image.resize"),
                            node("y", "image.resize"), node("z", "image.resize"), node("show", "output.preview")),
                    "first.image -> show.value", "x.image -> first.image", "y.image -> x.image", "x.image -> z.image",
                    "z.image -> y.image");

            assertThat(validate(w)).containsExactly(error(id("x"), null, CYCLE,
                    "Wires form a cycle: x -> z -> y -> x; a workflow must flow one way"));
        }

        @Test
        void nodeWiredToItselfIsACycleOfOne() {
            Workflow w = workflow(List.of(node("loop", "image.resize")), "loop.image -> loop.image");

            assertThat(validate(w)).containsExactly(error(id("loop"), null, CYCLE,
                    "Wires form a cycle: loop -> loop; a workflow must flow one way"));
        }
    }

    @Nested
    class Parameters {
        @Test
        void outOfRangeSaysNodeFieldRangeAndValue() {
            assertThat(validate(withParam("resize", "width", ParamValue.of(0L)))).containsExactly(error(id("resize"),
                    "width", VALUE_OUT_OF_RANGE, "Resize (node resize): Width must be between 1 and 16384, got 0"));
        }

        @Test
        void outOfRangeShowsTheNumberAsWrittenEvenBeyondLong() {
            assertThat(validate(withParam("resize", "height", ParamValue.of(1e30)))).containsExactly(error(id("resize"),
                    "height", VALUE_OUT_OF_RANGE, "Resize (node resize): Height must be between 1 and 16384, got 1.0E30"));
        }

        @Test
        void outOfRangeNumber() {
            assertThat(validate(withParam("ocr", "min_confidence", ParamValue.of(1.5)))).containsExactly(error(id("ocr"),
                    "min_confidence", VALUE_OUT_OF_RANGE, "OCR (node ocr): Minimum confidence must be between 0 and 1, got 1.5"));
        }

        @Test
        void wholeNumberWrittenWithAPointIsAccepted() {
            assertThat(validate(withParam("resize", "width", ParamValue.of(640.0)))).isEmpty();
        }

        @Test
        void wrongValueTypesSayWhatWasExpected() {
            assertThat(validate(withParam("resize", "width", ParamValue.of("big")))).containsExactly(error(id("resize"),
                    "width", WRONG_VALUE_TYPE, "Resize (node resize): Width must be a whole number, got \"big\""));
            assertThat(validate(withParam("resize", "width", ParamValue.of(2.5)))).containsExactly(error(id("resize"),
                    "width", WRONG_VALUE_TYPE, "Resize (node resize): Width must be a whole number, got 2.5"));
            assertThat(validate(withParam("resize", "keep_alpha", ParamValue.of("yes")))).containsExactly(error(id("resize"),
                    "keep_alpha", WRONG_VALUE_TYPE, "Resize (node resize): Keep alpha must be true or false, got \"yes\""));
            assertThat(validate(withParam("resize", "mode", ParamValue.of(3L)))).containsExactly(error(id("resize"),
                    "mode", WRONG_VALUE_TYPE, "Resize (node resize): Mode must be one of fit, fill, exact, got 3"));
            assertThat(validate(withParam("ocr", "min_confidence", ParamValue.of("high")))).containsExactly(error(id("ocr"),
                    "min_confidence", WRONG_VALUE_TYPE, "OCR (node ocr): Minimum confidence must be a number, got \"high\""));
            assertThat(validate(withParam("ocr", "language", ParamValue.of(true)))).containsExactly(error(id("ocr"),
                    "language", WRONG_VALUE_TYPE, "OCR (node ocr): Language must be text, got true"));
            assertThat(validate(withParam("load", "path", ParamValue.of(5L)))).containsExactly(error(id("load"),
                    "path", WRONG_VALUE_TYPE, "Load Image (node load): Image file must be a file path, got 5"));
            assertThat(validate(withParam("load", "path", ParamValue.of("a\0b.png")))).containsExactly(error(id("load"),
                    "path", WRONG_VALUE_TYPE, "Load Image (node load): Image file is not a valid path"));
            assertThat(validate(withParam("vlm", "schema", ParamValue.of("{\"type\": \"object\"}"))))
                    .containsExactly(error(id("vlm"), "schema", WRONG_VALUE_TYPE,
                            "Ask VLM (node vlm): Answer schema must be a JSON schema object, got \"{\"type\": \"object\"}\""));
            assertThat(validate(withParam("vlm", "schema", new ParamValue.Json(JsonNodeFactory.instance.arrayNode().add(1)))))
                    .containsExactly(error(id("vlm"), "schema", WRONG_VALUE_TYPE,
                            "Ask VLM (node vlm): Answer schema must be a JSON schema object, got [1]"));
        }

        @Test
        void choiceOutsideTheListNamesTheChoices() {
            assertThat(validate(withParam("resize", "mode", ParamValue.of("stretch")))).containsExactly(error(id("resize"),
                    "mode", VALUE_NOT_IN_CHOICES, "Resize (node resize): Mode must be one of fit, fill, exact; got \"stretch\""));
        }

        @Test
        void textNotMatchingItsPattern() {
            assertThat(validate(withParam("ocr", "language", ParamValue.of("English")))).containsExactly(error(id("ocr"),
                    "language", PATTERN_MISMATCH, "OCR (node ocr): Language must match [a-z]{3}(\\+[a-z]{3})*, got \"English\""));
        }

        @Test
        void requiredParametersThatAreMissingOrBlank() {
            assertThat(validate(withoutParam("load", "path"))).containsExactly(error(id("load"), "path",
                    REQUIRED_PARAM_MISSING, "Load Image (node load): Image file is required"));
            assertThat(validate(withParam("load", "path", ParamValue.of("  ")))).containsExactly(error(id("load"), "path",
                    REQUIRED_PARAM_MISSING, "Load Image (node load): Image file is required: choose a file"));
            assertThat(validate(withParam("vlm", "prompt", ParamValue.of(" \n")))).containsExactly(error(id("vlm"), "prompt",
                    REQUIRED_PARAM_MISSING, "Ask VLM (node vlm): Prompt is required"));
            assertThat(validate(withoutParam("vlm", "schema"))).containsExactly(error(id("vlm"), "schema",
                    REQUIRED_PARAM_MISSING, "Ask VLM (node vlm): Answer schema is required"));
            assertThat(validate(withoutParam("vlm", "api_key"))).containsExactly(error(id("vlm"), "api_key",
                    REQUIRED_PARAM_MISSING, "Ask VLM (node vlm): API key is required"));
            assertThat(validate(withParam("vlm", "api_key", ParamValue.of("")))).containsExactly(error(id("vlm"), "api_key",
                    REQUIRED_PARAM_MISSING,
                    "Ask VLM (node vlm): API key is required: give a reference such as env:API_KEY or keystore:NAME"));
            assertThat(validate(withParam("vlm", "schema", ParamValue.of(" ")))).containsExactly(error(id("vlm"), "schema",
                    REQUIRED_PARAM_MISSING, "Ask VLM (node vlm): Answer schema is required"));
        }

        @Test
        void defaultsFillParametersThatAreNotSet() {
            // report sets no parameter at all: its path default "report.csv" satisfies "required".
            assertThat(validWorkflow().node("report").orElseThrow().params()).isEmpty();
            assertThat(validate(validWorkflow())).isEmpty();
        }

        @Test
        void secretGivenAsPlainTextIsRefusedWithoutEchoingIt() {
            String leaked = "sk-live-9f8e7d6c5b4a";
            List<ValidationIssue> issues = validate(withParam("vlm", "api_key", ParamValue.of(leaked)));

            assertThat(issues).containsExactly(error(id("vlm"), "api_key", SECRET_NOT_A_REFERENCE,
                    "Ask VLM (node vlm): API key must be a reference such as env:API_KEY or keystore:NAME; "
                            + "a workflow never stores the secret itself"));
            assertThat(issues.get(0).toString()).doesNotContain(leaked).doesNotContain("9f8e7d");
        }

        @Test
        void secretGivenAsANumberOrJsonIsNotEchoedEither() {
            ParamValue.Json json = new ParamValue.Json(JsonNodeFactory.instance.objectNode().put("key", "hunter2-secret"));
            for (ParamValue leaked : List.of(ParamValue.of(987654321L), json)) {
                List<ValidationIssue> issues = validate(withParam("vlm", "api_key", leaked));
                assertThat(issues).extracting(ValidationIssue::code).containsExactly(SECRET_NOT_A_REFERENCE);
                assertThat(issues.get(0).message()).doesNotContain("987654321").doesNotContain("hunter2");
            }
        }

        @Test
        void unknownParameterIsAWarningThatKeepsTheValue() {
            List<ValidationIssue> issues = validate(withParam("resize", "sharpen", ParamValue.of(true)));

            assertThat(issues).containsExactly(warning(id("resize"), "sharpen", UNKNOWN_PARAM,
                    "Resize (node resize): parameter \"sharpen\" is not used by Resize (kept in the file)"));
            assertThat(issues.get(0).isError()).isFalse();
            assertThat(issues.get(0).severity()).isEqualTo(Severity.WARNING);
        }
    }

    @Test
    void issuesFollowTheNodesOrderInTheFileAndWorkflowWideOnesComeFirst() {
        Workflow w = validWorkflow();
        w = w.withNode(w.node("report").orElseThrow().withParam("path", ParamValue.of(" ")));
        w = w.withNode(w.node("load").orElseThrow().withParam("path", ParamValue.of(3L)));
        w = w.withNode(w.node("resize").orElseThrow().withParam("width", ParamValue.of(0L))
                .withParam("height", ParamValue.of(-1L)).withParam("mode", ParamValue.of("zoom")));
        List<Edge> edges = new ArrayList<>(w.edges());
        edges.add(0, Edge.of("nobody.out", "nothing.in"));
        w = w.withEdges(edges);

        List<ValidationIssue> issues = validate(w);

        assertThat(issues).extracting(i -> i.node() == null ? "-" : i.node().value(), ValidationIssue::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("-", null),
                        org.assertj.core.groups.Tuple.tuple("load", "path"),
                        org.assertj.core.groups.Tuple.tuple("resize", "mode"),
                        org.assertj.core.groups.Tuple.tuple("resize", "width"),
                        org.assertj.core.groups.Tuple.tuple("resize", "height"),
                        org.assertj.core.groups.Tuple.tuple("report", "path"));
        assertThat(validate(w)).isEqualTo(issues);
    }

    @Test
    void issueCodesHaveSnakeCaseIds() {
        assertThat(IssueCode.REQUIRED_INPUT_MISSING.id()).isEqualTo("required_input_missing");
        assertThat(IssueCode.BAD_OVERRIDE.id()).isEqualTo("bad_override");
        assertThat(error(id("a"), "x", CYCLE, "msg").toString()).isEqualTo("error cycle: msg");
    }
}
