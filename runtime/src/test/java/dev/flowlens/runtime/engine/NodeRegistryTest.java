package dev.flowlens.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.testnodes.TestNodes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeRegistryTest {

    /** A node type with a given spec that is never run. */
    private record Fixed(NodeSpec spec) implements NodeType {
        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) {
            throw new UnsupportedOperationException("not run in registry tests");
        }
    }

    private static NodeSpec spec(String id) {
        return NodeSpec.builder(id, "Node " + id, "test").output(OutputSpec.of("out", PortType.TEXT, "")).build();
    }

    @Test
    void findsProvidersOnTheClassPath() {
        DefaultNodeRegistry registry = DefaultNodeRegistry.load();

        assertThat(registry.find("test.add")).map(NodeSpec::displayName).contains("Add");
        assertThat(registry.nodeType("test.add")).containsInstanceOf(TestNodes.Add.class);
        assertThat(registry.find("test.unknown")).isEmpty();
        assertThat(registry.specs()).extracting(NodeSpec::typeId).contains("test.const", "test.square");
    }

    @Test
    void listsSpecsByCategoryThenName() {
        NodeProvider p = () -> List.of(new Fixed(NodeSpec.builder("b.z", "Zed", "b").build()),
                new Fixed(NodeSpec.builder("b.a", "Alpha", "b").build()), new Fixed(NodeSpec.builder("a.q", "Q", "a").build()));

        assertThat(DefaultNodeRegistry.of(List.of(p)).specs()).extracting(NodeSpec::typeId).containsExactly("a.q", "b.a", "b.z");
    }

    @Test
    void rejectsTheSameTypeIdFromTwoPlaces() {
        NodeProvider first = () -> List.of(new Fixed(spec("x.one")));
        NodeProvider second = () -> List.of(new Fixed(spec("x.one")));

        assertThatThrownBy(() -> DefaultNodeRegistry.of(List.of(first, second)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("node type x.one is registered twice: by ");
    }

    @Test
    void rejectsSpecsThatChangeBetweenCalls() {
        NodeType unstable = new NodeType() {
            private int calls;

            @Override
            public NodeSpec spec() {
                return NodeRegistryTest.spec("x.v" + (calls++));
            }

            @Override
            public Map<String, Object> execute(NodeInput input, NodeContext context) {
                return Map.of();
            }
        };

        assertThatThrownBy(() -> DefaultNodeRegistry.of(List.of(() -> List.of(unstable))))
                .hasMessageContaining("returns a different spec each time");
    }

    @Test
    void rejectsDefaultsThatFailTheirOwnCheck() {
        NodeSpec bad = NodeSpec.builder("x.bad", "Bad", "test")
                .param(ParamSpec.TextParam.of("code", "Code", "abc", "").withPattern("[0-9]+"))
                .build();

        assertThatThrownBy(() -> DefaultNodeRegistry.of(List.of(() -> List.of(new Fixed(bad)))))
                .hasMessageContaining("x.bad").hasMessageContaining("the default of parameter code fails its own check");
    }

    @Test
    void rejectsBlankNamesAndNullTypes() {
        assertThatThrownBy(() -> DefaultNodeRegistry.of(List.of(() -> List.of(new Fixed(
                NodeSpec.builder("x.blank", " ", "test").build())))))
                .hasMessageContaining("needs a display name and a category");
        assertThatThrownBy(() -> DefaultNodeRegistry.of(List.of(() -> java.util.Arrays.asList((NodeType) null))))
                .hasMessageContaining("lists a null node type");
    }
}
