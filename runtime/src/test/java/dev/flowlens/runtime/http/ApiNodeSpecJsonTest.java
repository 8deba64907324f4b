package dev.flowlens.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.flowlens.runtime.api.NodeSpecJson;
import dev.flowlens.runtime.engine.DefaultNodeRegistry;
import org.junit.jupiter.api.Test;

/** The catalogue's JSON shape, shared by GET /api/nodes and flowlens nodes --json, on real node types. */
class ApiNodeSpecJsonTest {
    private final ArrayNode all = NodeSpecJson.toJson(DefaultNodeRegistry.load());

    private JsonNode spec(String type) {
        for (JsonNode n : all) {
            if (n.get("type").asText().equals(type)) {
                return n;
            }
        }
        throw new AssertionError("no " + type + " in " + all.findValuesAsText("type"));
    }

    private static JsonNode param(JsonNode spec, String name) {
        for (JsonNode p : spec.get("params")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no param " + name);
    }

    @Test
    void choicesBoundsAndPortTypesAreWritten() {
        JsonNode resize = spec("image.resize");
        assertThat(resize.get("displayName").asText()).isEqualTo("Resize");
        assertThat(resize.get("category").asText()).isEqualTo("image");
        assertThat(resize.get("inputs").get(0).get("type").asText()).isEqualTo("image");
        assertThat(resize.get("outputs").get(0).get("type").asText()).isEqualTo("image");
        JsonNode mode = param(resize, "mode");
        assertThat(mode.get("kind").asText()).isEqualTo("choice");
        assertThat(mode.get("choices").toString()).isEqualTo("[\"fit\",\"fill\",\"exact\"]");
        assertThat(mode.get("default").asText()).isEqualTo("fit");
        JsonNode width = param(resize, "width");
        assertThat(width.get("min").asLong()).isEqualTo(1);
        assertThat(width.get("max").asLong()).isEqualTo(16_384);
        assertThat(width.get("step").asLong()).isEqualTo(1);
    }

    @Test
    void pathsListsAndFlagsAreWritten() {
        JsonNode load = spec("input.load_image");
        JsonNode path = param(load, "path");
        assertThat(path.get("kind").asText()).isEqualTo("file");
        assertThat(path.get("pathKind").asText()).isEqualTo("file");
        assertThat(path.get("mustExist").asBoolean()).isTrue();
        assertThat(path.get("required").asBoolean()).isTrue();
        assertThat(path.get("default").isNull()).isTrue();

        JsonNode folder = spec("input.image_folder");
        assertThat(folder.get("outputs").get(0).get("type").asText()).isEqualTo("list<file_path>");
        assertThat(spec("output.write_csv").get("flags").toString()).contains("output");
    }
}
