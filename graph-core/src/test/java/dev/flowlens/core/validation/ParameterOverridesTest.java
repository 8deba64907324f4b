package dev.flowlens.core.validation;

import static dev.flowlens.core.TestCatalog.CATALOG;
import static dev.flowlens.core.TestCatalog.node;
import static dev.flowlens.core.TestCatalog.validWorkflow;
import static dev.flowlens.core.TestCatalog.workflow;
import static dev.flowlens.core.validation.IssueCode.BAD_OVERRIDE;
import static dev.flowlens.core.validation.ValidationIssue.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.core.model.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --set node.param=value}: typed by the parameter's spec; every mistake is a BAD_OVERRIDE issue. */
class ParameterOverridesTest {

    private static NodeId id(String value) {
        return NodeId.of(value);
    }

    @Test
    void valuesAreTypedByTheParameterSpec() {
        ParameterOverrides overrides = ParameterOverrides.parse(List.of("resize.width=640", "ocr.min_confidence=0.75",
                "resize.keep_alpha=no", "load.path=/data/a=b.png", "vlm.api_key= env:OTHER_KEY ",
                "vlm.schema={\"type\": \"array\"}", "resize.mode= fill"));

        ParameterOverrides.Result result = overrides.apply(validWorkflow(), CATALOG);

        assertThat(result.ok()).isTrue();
        Workflow w = result.workflow();
        assertThat(w.node("resize").orElseThrow().params()).containsEntry("width", ParamValue.of(640L))
                .containsEntry("keep_alpha", ParamValue.of(false)).containsEntry("mode", ParamValue.of("fill"));
        assertThat(w.node("ocr").orElseThrow().param("min_confidence")).contains(ParamValue.of(0.75));
        assertThat(w.node("load").orElseThrow().param("path")).contains(ParamValue.of("/data/a=b.png"));
        assertThat(w.node("vlm").orElseThrow().param("api_key")).contains(new ParamValue.Secret(SecretRef.env("OTHER_KEY")));
        assertThat(w.node("vlm").orElseThrow().param("schema").orElseThrow())
                .isInstanceOfSatisfying(ParamValue.Json.class, j -> assertThat(j.value().get("type").asText()).isEqualTo("array"));
        assertThat(WorkflowValidator.validate(w, CATALOG)).isEmpty();
    }

    @Test
    void anOverrideOutOfRangeAppliesAndTheValidatorSaysWhy() {
        ParameterOverrides.Result result = ParameterOverrides.parse(List.of("resize.width=0")).apply(validWorkflow(), CATALOG);

        assertThat(result.issues()).isEmpty();
        assertThat(WorkflowValidator.validate(result.workflow(), CATALOG)).containsExactly(error(id("resize"), "width",
                IssueCode.VALUE_OUT_OF_RANGE, "Resize (node resize): Width must be between 1 and 16384, got 0"));
    }

    @Test
    void everyMistakeIsABadOverrideInTheOrderGivenAndTheRestStillApplies() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("resize.width", "wide");
        entries.put("rezise.width", "10");
        entries.put("resize.depth", "3");
        entries.put("resize.keep_alpha", "maybe");
        entries.put("ocr.min_confidence", "NaN");
        entries.put("vlm.schema", "[1, 2]");
        entries.put("resize.height", "300");
        entries.put("resize", "5");

        ParameterOverrides.Result result = ParameterOverrides.of(entries).apply(validWorkflow(), CATALOG);

        assertThat(result.ok()).isFalse();
        assertThat(result.issues()).containsExactly(
                error(id("resize"), "width", BAD_OVERRIDE, "Override resize.width: expected a whole number, got \"wide\""),
                error(null, "rezise.width", BAD_OVERRIDE,
                        "Override rezise.width: there is no node \"rezise\"; nodes are load, resize, ocr, vlm, report"),
                error(id("resize"), "depth", BAD_OVERRIDE,
                        "Override resize.depth: Resize has no parameter \"depth\"; it has mode, width, height, keep_alpha"),
                error(id("resize"), "keep_alpha", BAD_OVERRIDE, "Override resize.keep_alpha: expected true or false, got \"maybe\""),
                error(id("ocr"), "min_confidence", BAD_OVERRIDE, "Override ocr.min_confidence: expected a number, got \"NaN\""),
                error(id("vlm"), "schema", BAD_OVERRIDE, "Override vlm.schema: expected a JSON schema object, got [1, 2]"),
                error(null, "resize", BAD_OVERRIDE, "Override \"resize\": expected node.param, such as resize.width"));
        assertThat(result.workflow().node("resize").orElseThrow().param("height")).contains(ParamValue.of(300L));
        assertThat(result.workflow().node("resize").orElseThrow().param("width")).contains(ParamValue.of(1024L));
    }

    @Test
    void overrideOnANodeOfUnknownTypeSaysTheTypeIsUnknown() {
        Workflow w = workflow(List.of(node("x", "image.sharpen")));

        assertThat(ParameterOverrides.parse(List.of("x.amount=2")).apply(w, CATALOG).issues()).containsExactly(
                error(id("x"), "amount", BAD_OVERRIDE,
                        "Override x.amount: node x has the unknown type \"image.sharpen\", so its parameters are not known"));
    }

    @Test
    void overrideOnAnEmptyWorkflowSaysSo() {
        assertThat(ParameterOverrides.parse(List.of("a.b=1")).apply(Workflow.empty("e"), CATALOG).issues())
                .containsExactly(error(null, "a.b", BAD_OVERRIDE, "Override a.b: there is no node \"a\"; the workflow has no nodes"));
    }

    @Test
    void aSecretTypedInPlainIsNeitherStoredNorEchoed() {
        String leaked = "sk-proj-AbC123xyz";
        ParameterOverrides overrides = ParameterOverrides.parse(List.of("vlm.api_key=" + leaked));

        ParameterOverrides.Result result = overrides.apply(validWorkflow(), CATALOG);

        assertThat(result.issues()).containsExactly(error(id("vlm"), "api_key", BAD_OVERRIDE,
                "Override vlm.api_key: expected a secret reference such as env:API_KEY or keystore:NAME"));
        assertThat(result.workflow()).isEqualTo(validWorkflow());
        assertThat(overrides.redacted(validWorkflow(), CATALOG)).containsExactly(Map.entry("vlm.api_key", "(secret reference)"));
    }

    @Test
    void redactedKeepsOrdinaryValuesAndMalformedKeys() {
        ParameterOverrides overrides = ParameterOverrides.of(Map.of("resize.width", "99"));
        assertThat(overrides.redacted(validWorkflow(), CATALOG)).containsExactly(Map.entry("resize.width", "99"));
        assertThat(ParameterOverrides.of(Map.of("nodot", "1")).redacted(validWorkflow(), CATALOG))
                .containsExactly(Map.entry("nodot", "1"));
    }

    @Test
    void entriesKeepTheOrderGiven() {
        List<String> keys = List.of("z.a", "y.b", "x.c", "w.d", "v.e", "u.f", "t.g", "s.h", "r.i", "q.j");
        ParameterOverrides overrides = ParameterOverrides.parse(keys.stream().map(k -> k + "=1").toList());

        assertThat(overrides.entries().keySet()).containsExactlyElementsOf(keys);
    }

    @Test
    void malformedAssignmentsAreRefusedWithTheExpectedForm() {
        for (String bad : List.of("width=5", ".width=5", "resize.=5", "resize.width", "=5", "a=b.c")) {
            assertThatThrownBy(() -> ParameterOverrides.parse(List.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("expected node.param=value, got \"" + bad + "\"");
        }
        assertThat(ParameterOverrides.parse(List.of("resize.width=")).entries()).containsEntry("resize.width", "");
        assertThat(ParameterOverrides.none().isEmpty()).isTrue();
    }
}
