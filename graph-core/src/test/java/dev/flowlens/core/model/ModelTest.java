package dev.flowlens.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ids, references, values and the immutable workflow's edits. */
class ModelTest {

    @ParameterizedTest
    @ValueSource(strings = {"resize", "_tmp", "Resize2", "a-b_c", "x"})
    void validNodeIds(String id) {
        assertThat(NodeId.of(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2d", "a.b", "with space", "-x", "é"})
    void invalidNodeIdsSayTheRule(String id) {
        assertThatThrownBy(() -> NodeId.of(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node id must start with a letter or '_' and hold only letters, digits, '_' or '-' (at most 64), "
                        + "got \"" + id + "\"");
    }

    @Test
    void nodeIdsAreAtMostSixtyFourCharacters() {
        assertThat(NodeId.of("a".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> NodeId.of("a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portRefsParseAndPrintAsNodeDotPort() {
        assertThat(PortRef.parse("load.image")).isEqualTo(PortRef.of("load", "image"));
        assertThat(PortRef.of("load", "image")).hasToString("load.image");
        assertThat(Edge.of("a.out", "b.in")).hasToString("a.out -> b.in");
        for (String bad : List.of("a-b", "a.", ".b", "")) {
            assertThatThrownBy(() -> PortRef.parse(bad)).hasMessage("expected \"node.port\", got \"" + bad + "\"");
        }
        assertThatThrownBy(() -> PortRef.parse("a.Image")).hasMessage("port name must be lower_snake_case, got \"Image\"");
        assertThatThrownBy(() -> PortRef.parse("a.b.c")).hasMessage("port name must be lower_snake_case, got \"b.c\"");
    }

    @Test
    void secretReferencesParseAndPrint() {
        assertThat(SecretRef.parse("env:ZAI_API_KEY")).isEqualTo(SecretRef.env("ZAI_API_KEY"));
        assertThat(SecretRef.parse("keystore:zai.main")).isEqualTo(new SecretRef(SecretRef.Source.KEYSTORE, "zai.main"));
        assertThat(SecretRef.env("K")).hasToString("env:K");
        assertThatThrownBy(() -> SecretRef.parse("sk-12345")).hasMessage(
                "expected a secret reference like \"env:API_KEY\" or \"keystore:zai\", got \"sk-12345\"");
        assertThatThrownBy(() -> SecretRef.parse("vault:x")).hasMessage(
                "secret source must be \"env\" or \"keystore\", got \"vault\"");
        assertThatThrownBy(() -> SecretRef.parse("env:")).hasMessage(
                "secret name must be letters, digits, '_', '.' or '-', got \"\"");
    }

    @Test
    void valuesDescribeThemselvesForMessages() {
        assertThat(ParamValue.of("fit").describe()).isEqualTo("\"fit\"");
        assertThat(ParamValue.of(3L).describe()).isEqualTo("3");
        assertThat(ParamValue.of(3.0).describe()).isEqualTo("3");
        assertThat(ParamValue.of(2.5).describe()).isEqualTo("2.5");
        assertThat(ParamValue.of(true).describe()).isEqualTo("true");
        assertThat(new ParamValue.Secret(SecretRef.env("KEY")).describe()).isEqualTo("secret env:KEY");
        ObjectNode big = JsonNodeFactory.instance.objectNode().put("text", "x".repeat(100));
        assertThat(new ParamValue.Json(big).describe()).hasSize(60).endsWith("...");
        assertThatThrownBy(() -> ParamValue.of(Double.NaN)).hasMessage("number must be finite, got NaN");
    }

    @Test
    void jsonValuesCannotBeChangedFromOutside() {
        ObjectNode given = JsonNodeFactory.instance.objectNode().put("a", 1);
        ParamValue.Json value = new ParamValue.Json(given);
        given.put("a", 2);
        JsonNode out = value.value();
        ((ObjectNode) out).put("a", 3);

        assertThat(value.value().get("a").intValue()).isEqualTo(1);
        assertThat(value).isEqualTo(new ParamValue.Json(JsonNodeFactory.instance.objectNode().put("a", 1L)));
    }

    @Test
    void nodeParametersAreSortedAndImmutable() {
        Map<String, ParamValue> params = new LinkedHashMap<>();
        params.put("width", ParamValue.of(1L));
        params.put("height", ParamValue.of(2L));
        params.put("mode", ParamValue.of("fit"));
        NodeInstance node = NodeInstance.of("n", "image.resize").withParams(params);

        assertThat(node.params().keySet()).containsExactly("height", "mode", "width");
        assertThatThrownBy(() -> node.params().put("x", ParamValue.of(1L))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(node.withoutParam("mode").params()).containsOnlyKeys("height", "width");
        assertThat(node.param("mode")).contains(ParamValue.of("fit"));
        assertThat(node.param("nope")).isEmpty();
    }

    @Test
    void workflowEditsReturnNewWorkflowsAndKeepTheOldOnes() {
        Workflow empty = Workflow.empty("demo");
        Workflow one = empty.withNode(NodeInstance.of("load", "image.load"));
        Workflow two = one.withNode(NodeInstance.of("resize", "image.resize")).withEdge(Edge.of("load.image", "resize.image"));

        assertThat(empty.nodes()).isEmpty();
        assertThat(one.nodes()).hasSize(1);
        assertThat(two.edgesInto(PortRef.of("resize", "image"))).containsExactly(Edge.of("load.image", "resize.image"));
        assertThat(two.edgesFrom(NodeId.of("load"))).hasSize(1);
        assertThat(two.edgesInto(NodeId.of("resize"))).hasSize(1);
        assertThatThrownBy(() -> two.nodes().add(NodeInstance.of("x", "a.b"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withNodeReplacesInPlaceAndWithoutNodeRemovesItsWires() {
        Workflow w = Workflow.empty("demo").withNode(NodeInstance.of("a", "x.y")).withNode(NodeInstance.of("b", "x.y"))
                .withNode(NodeInstance.of("c", "x.y")).withEdge(Edge.of("a.out", "b.in")).withEdge(Edge.of("b.out", "c.in"));

        Workflow retitled = w.withNode(NodeInstance.of("b", "x.y").withTitle("Middle"));
        assertThat(retitled.nodes()).extracting(n -> n.id().value()).containsExactly("a", "b", "c");
        assertThat(retitled.node("b").orElseThrow().title()).isEqualTo("Middle");

        Workflow without = w.withoutNode(NodeId.of("b"));
        assertThat(without.nodes()).extracting(n -> n.id().value()).containsExactly("a", "c");
        assertThat(without.edges()).isEmpty();
    }

    @Test
    void anInputTakesOneWireSoANewWireReplacesTheOld() {
        Workflow w = Workflow.empty("demo").withEdge(Edge.of("a.out", "c.in")).withEdge(Edge.of("b.out", "c.in"));
        assertThat(w.edges()).containsExactly(Edge.of("b.out", "c.in"));
        assertThat(w.withoutEdge(Edge.of("b.out", "c.in")).edges()).isEmpty();
    }

    @Test
    void freshNodeIdsAreUnusedAndValid() {
        Workflow w = Workflow.empty("demo").withNode(NodeInstance.of("resize", "image.resize"))
                .withNode(NodeInstance.of("resize2", "image.resize"));

        assertThat(w.freshNodeId("resize")).isEqualTo(NodeId.of("resize3"));
        assertThat(w.freshNodeId("load")).isEqualTo(NodeId.of("load"));
        assertThat(w.freshNodeId("3d view")).isEqualTo(NodeId.of("n3d_view"));
        assertThat(w.freshNodeId("")).isEqualTo(NodeId.of("n"));
        assertThat(w.freshNodeId("image.resize")).isEqualTo(NodeId.of("image_resize"));
        assertThat(w.freshNodeId("x".repeat(100)).value()).hasSize(56);
    }

    @Test
    void framesAndViewportsRefuseImpossibleGeometry() {
        Frame frame = new Frame("f", null, 0, 0, 100, 50, null);
        assertThat(frame.title()).isEmpty();
        assertThat(frame.contains(new Position(100, 50))).isTrue();
        assertThat(frame.contains(new Position(101, 0))).isFalse();
        assertThatThrownBy(() -> new Frame("f", "", 0, 0, 0, 10, null))
                .hasMessage("frame f must have a finite position and a positive size");
        assertThatThrownBy(() -> new Viewport(0, 0, 0)).hasMessage("viewport must have a positive zoom and finite offsets");
        assertThatThrownBy(() -> new Position(Double.POSITIVE_INFINITY, 0)).hasMessage("position must be finite, got (Infinity, 0.0)");
        assertThat(Position.ORIGIN.plus(2, 3)).isEqualTo(new Position(2, 3));
        assertThatThrownBy(() -> new WorkflowId(" ")).hasMessage("workflow id must not be blank");
    }
}
