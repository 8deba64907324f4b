package dev.flowlens.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.flowlens.core.TestCatalog;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.core.type.PortType;
import dev.flowlens.core.validation.IssueCode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Node specs, the catalog, and what each parameter kind accepts from a file and from a person. */
class SpecTest {

    @Test
    void specsAnswerWhatTheEditorAndExecutorAsk() {
        NodeSpec resize = TestCatalog.RESIZE;
        assertThat(resize.input("image")).map(InputSpec::type).contains(PortType.IMAGE);
        assertThat(resize.output("image")).isPresent();
        assertThat(resize.param("width")).map(ParamSpec::kind).contains("integer");
        assertThat(resize.input("nope")).isEmpty();
        assertThat(resize.isOutputNode()).isFalse();
        assertThat(resize.isDeterministic()).isTrue();
        assertThat(TestCatalog.REPORT.isOutputNode()).isTrue();
        assertThat(TestCatalog.VLM.isDeterministic()).isFalse();
        assertThat(resize.version()).isEqualTo(1);
    }

    @Test
    void specsRefuseWhatWouldMakeFilesAmbiguous() {
        assertThatThrownBy(() -> NodeSpec.builder("resize", "Resize", "image").build())
                .hasMessage("node type id must be namespaced like \"image.resize\", got \"resize\"");
        assertThatThrownBy(() -> NodeSpec.builder("image.resize", "Resize", "image").version(0).build())
                .hasMessage("image.resize: version starts at 1");
        assertThatThrownBy(() -> NodeSpec.builder("image.resize", "Resize", "image")
                .input(InputSpec.required("width", PortType.INTEGER, ""))
                .param(ParamSpec.IntParam.of("width", "Width", 1, 1, 2, "")).build())
                .hasMessage("image.resize: \"width\" is declared twice (inputs and parameters share names)");
        assertThatThrownBy(() -> NodeSpec.builder("image.resize", "Resize", "image")
                .output(OutputSpec.of("image", PortType.IMAGE, "")).output(OutputSpec.of("image", PortType.IMAGE, "")).build())
                .hasMessageContaining("\"image\" is declared twice");
        assertThatThrownBy(() -> InputSpec.required("Image", PortType.IMAGE, ""))
                .hasMessage("port name must be lower_snake_case, got \"Image\"");
        assertThatThrownBy(() -> ParamSpec.BoolParam.of("keepAlpha", "Keep alpha", true, ""))
                .hasMessage("parameter name must be lower_snake_case, got \"keepAlpha\"");
    }

    @Test
    void aNodeThatFlagsItemsMustSayWhichRowsItFlagged() {
        assertThatThrownBy(() -> NodeSpec.builder("data.flag_rows", "Flag rows", "data")
                .output(OutputSpec.of("flagged", PortType.INTEGER, "")).flag(NodeFlag.FLAGS_ITEMS).build())
                .hasMessage("data.flag_rows: a node that flags items needs a Table output named \"flagged\"");
        NodeSpec flag = NodeSpec.builder("data.flag_rows", "Flag rows", "data")
                .output(OutputSpec.of("flagged", PortType.TABLE, "")).flag(NodeFlag.FLAGS_ITEMS).build();
        assertThat(flag.flagsItems()).isTrue();
        assertThat(TestCatalog.RESIZE.flagsItems()).isFalse();
    }

    @Test
    void catalogKeepsOrderAndRefusesTwoSpecsForOneType() {
        assertThat(TestCatalog.CATALOG.specs()).containsExactlyElementsOf(TestCatalog.SPECS);
        assertThat(TestCatalog.CATALOG.find("ocr.read")).contains(TestCatalog.OCR);
        assertThat(TestCatalog.CATALOG.find("ocr.write")).isEmpty();
        assertThatThrownBy(() -> NodeCatalog.of(List.of(TestCatalog.OCR, TestCatalog.OCR)))
                .hasMessage("node type ocr.read is registered twice");
    }

    @Test
    void parameterSpecsRefuseImpossibleDefinitions() {
        assertThatThrownBy(() -> ParamSpec.IntParam.of("width", "Width", 0, 1, 10, ""))
                .hasMessage("width: need min <= default <= max and step > 0");
        assertThatThrownBy(() -> ParamSpec.NumberParam.of("t", "T", 5, 0, 1, ""))
                .hasMessage("t: need min <= default <= max and step > 0");
        assertThatThrownBy(() -> ParamSpec.ChoiceParam.of("mode", "Mode", "zoom", List.of("fit"), ""))
                .hasMessage("mode: the default must be one of the choices");
        assertThatThrownBy(() -> ParamSpec.TextParam.of("lang", "Language", "", "").withPattern("[a-z"))
                .hasMessageStartingWith("lang: bad pattern [a-z");
    }

    @Test
    void aNumberPinnedToOneValueIsAllowed() {
        ParamSpec.NumberParam pinned = ParamSpec.NumberParam.of("gamma", "Gamma", 2.2, 2.2, 2.2, "");
        assertThat(pinned.check(ParamValue.of(2.2))).isEmpty();
        assertThat(pinned.check(ParamValue.of(2.3))).map(ParamProblem::code).contains(IssueCode.VALUE_OUT_OF_RANGE);
    }

    @Test
    void kindsAndDefaultsAreWhatTheInspectorShows() {
        assertThat(TestCatalog.SPECS.stream().flatMap(s -> s.params().stream()).map(ParamSpec::kind).distinct().sorted())
                .containsExactly("boolean", "choice", "file", "folder", "integer", "json_schema", "multiline_text", "number",
                        "secret", "text");
        assertThat(TestCatalog.RESIZE.param("width").orElseThrow().defaultValue()).contains(ParamValue.of(512L));
        assertThat(TestCatalog.REPORT.param("path").orElseThrow().defaultValue()).contains(ParamValue.of("report.csv"));
        assertThat(TestCatalog.LOAD.param("path").orElseThrow().defaultValue()).isEmpty();
        assertThat(TestCatalog.VLM.param("api_key").orElseThrow().defaultValue()).isEmpty();
        assertThat(TestCatalog.VLM.param("api_key").orElseThrow().required()).isTrue();
    }

    @Test
    void typedTextBecomesTheRightValue() {
        assertThat(param(TestCatalog.RESIZE, "width").parse(" 640 ")).isEqualTo(ParamValue.of(640L));
        assertThat(param(TestCatalog.OCR, "min_confidence").parse("0.25")).isEqualTo(ParamValue.of(0.25));
        assertThat(param(TestCatalog.RESIZE, "keep_alpha").parse("On")).isEqualTo(ParamValue.of(true));
        assertThat(param(TestCatalog.RESIZE, "keep_alpha").parse("0")).isEqualTo(ParamValue.of(false));
        assertThat(param(TestCatalog.RESIZE, "mode").parse(" fill ")).isEqualTo(ParamValue.of("fill"));
        assertThat(param(TestCatalog.OCR, "language").parse(" eng ")).isEqualTo(ParamValue.of(" eng "));
        assertThat(param(TestCatalog.LOAD, "path").parse("/a b.png")).isEqualTo(ParamValue.of("/a b.png"));
        assertThat(param(TestCatalog.VLM, "api_key").parse("keystore:zai")).isEqualTo(
                new ParamValue.Secret(new SecretRef(SecretRef.Source.KEYSTORE, "zai")));
        assertThat(param(TestCatalog.VLM, "schema").parse("{\"type\": \"object\"}")).isEqualTo(
                new ParamValue.Json(JsonNodeFactory.instance.objectNode().put("type", "object")));
    }

    @Test
    void typedTextThatDoesNotFitSaysWhatWasExpected() {
        assertThatThrownBy(() -> param(TestCatalog.RESIZE, "width").parse("12.5"))
                .hasMessage("expected a whole number, got \"12.5\"");
        assertThatThrownBy(() -> param(TestCatalog.OCR, "min_confidence").parse("Infinity"))
                .hasMessage("expected a number, got \"Infinity\"");
        assertThatThrownBy(() -> param(TestCatalog.RESIZE, "keep_alpha").parse("maybe"))
                .hasMessage("expected true or false, got \"maybe\"");
        assertThatThrownBy(() -> param(TestCatalog.VLM, "schema").parse("[1]"))
                .hasMessage("expected a JSON schema object, got [1]");
        assertThatThrownBy(() -> param(TestCatalog.VLM, "schema").parse("{"))
                .hasMessageStartingWith("expected a JSON schema object: ");
        assertThatThrownBy(() -> param(TestCatalog.VLM, "api_key").parse("sk-secret-value"))
                .hasMessage("expected a secret reference such as env:API_KEY or keystore:NAME");
    }

    @Test
    void optionalSecretsAndSchemasMayBeLeftEmpty() {
        ParamSpec.SecretParam secret = ParamSpec.SecretParam.optional("token", "Token", "");
        assertThat(secret.check(ParamValue.of(""))).isEmpty();
        assertThat(secret.check(ParamValue.of("abc"))).map(ParamProblem::code).contains(IssueCode.SECRET_NOT_A_REFERENCE);
        ParamSpec.JsonSchemaParam schema = ParamSpec.JsonSchemaParam.optional("schema", "Schema", "");
        assertThat(schema.check(ParamValue.of(" "))).isEmpty();
        assertThat(schema.check(ParamValue.of("x"))).map(ParamProblem::code).contains(IssueCode.WRONG_VALUE_TYPE);
    }

    @Test
    void patternsAreCheckedOnlyOnTextThatIsThere() {
        ParamSpec lang = param(TestCatalog.OCR, "language");
        assertThat(lang.check(ParamValue.of(""))).isEmpty();
        assertThat(lang.check(ParamValue.of("eng+chi"))).isEmpty();
        assertThat(lang.check(ParamValue.of("eng+"))).isEqualTo(Optional.of(new ParamProblem(IssueCode.PATTERN_MISMATCH,
                "must match [a-z]{3}(\\+[a-z]{3})*, got \"eng+\"")));
    }

    private static ParamSpec param(NodeSpec spec, String name) {
        return spec.param(name).orElseThrow();
    }
}
