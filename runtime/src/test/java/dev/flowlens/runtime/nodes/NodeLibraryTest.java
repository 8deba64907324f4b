package dev.flowlens.runtime.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.spec.NodeFlag;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The library as the executor finds it: through the service loader, one provider per category. */
class NodeLibraryTest {

    /** The library's own types; the executor's test-only "test." types are on the test class path too. */
    static List<NodeType> allNodeTypes() {
        List<NodeType> types = new ArrayList<>();
        ServiceLoader.load(NodeProvider.class).forEach(p -> {
            if (p.getClass().getPackageName().startsWith("dev.flowlens.runtime.nodes.")) {
                types.addAll(p.nodeTypes());
            }
        });
        return types;
    }

    static NodeCatalog catalog() {
        return NodeCatalog.of(allNodeTypes().stream().map(NodeType::spec).toList());
    }

    @Test
    void everyNodeOfIssue4IsFoundUnderItsFixedId() {
        assertThat(catalog().specs()).extracting(NodeSpec::typeId).contains(
                "input.load_image", "input.image_folder", "input.load_table",
                "image.check", "image.resize", "image.crop", "image.rotate", "image.grayscale", "image.inspect",
                "image.encode",
                "data.template", "data.json_parse", "data.json_extract", "data.merge_row", "data.to_table",
                "data.filter_rows", "data.select_columns",
                "output.write_csv", "output.write_json", "output.copy_files", "output.preview",
                "eval.compare_labels");
    }

    @Test
    void typesAreSmallFinalClassesInTheirCategorysPackage() {
        for (NodeType type : allNodeTypes()) {
            NodeSpec spec = type.spec();
            String category = spec.typeId().substring(0, spec.typeId().indexOf('.'));
            assertThat(Modifier.isFinal(type.getClass().getModifiers())).as(spec.typeId()).isTrue();
            assertThat(type.getClass().getPackageName()).as(spec.typeId())
                    .isEqualTo("dev.flowlens.runtime.nodes." + category);
            assertThat(spec.category()).isEqualTo(category);
            assertThat(spec.description()).as(spec.typeId()).isNotBlank();
        }
    }

    @Test
    void writersAndPreviewAreOutputNodes() {
        NodeCatalog catalog = catalog();
        for (String id : List.of("output.write_csv", "output.write_json", "output.copy_files", "output.preview",
                "image.encode", "eval.compare_labels")) {
            assertThat(catalog.find(id).orElseThrow().flags()).as(id).contains(NodeFlag.OUTPUT);
        }
        assertThat(catalog.find("image.resize").orElseThrow().flags()).isEmpty();
    }
}
