package dev.flowlens.runtime.nodes.vlm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.vlm.EndpointRegistry;
import dev.flowlens.runtime.vlm.RetryPolicy;
import dev.flowlens.runtime.vlm.VlmClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * The product-listing example: its vlm.ask node is configured validly, carries the schema from schema.json,
 * and each photo, asked through the node, yields a listing that the schema accepts with the human labels.
 */
class VlmExampleTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path EXAMPLE = Path.of("..", "examples", "product-listing");

    @Test
    void theExampleAsksTheModelWithTheListingSchemaAndItsLabelsFitThatSchema() throws Exception {
        Workflow workflow = WorkflowCodec.read(EXAMPLE.resolve("workflow.json"));
        NodeInstance ask = workflow.nodes().stream().filter(n -> n.type().equals("vlm.ask")).findFirst().orElseThrow();
        AskVisionModel type = new AskVisionModel(new VlmClient(VlmClient.defaultHttpClient(),
                new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)),
                new EndpointRegistry(), VlmClient.DEFAULT_MAX_BODY_BYTES));
        for (Map.Entry<String, ParamValue> p : ask.params().entrySet()) {
            ParamSpec spec = type.spec().param(p.getKey()).orElseThrow(() -> new AssertionError("unknown " + p.getKey()));
            assertThat(spec.check(p.getValue())).as(p.getKey()).isEmpty();
        }
        JsonNode schema = MAPPER.readTree(EXAMPLE.resolve("schema.json").toFile());
        assertThat(((ParamValue.Json) ask.params().get("response_schema")).value()).isEqualTo(schema);
        assertThat(Files.readString(EXAMPLE.resolve("images/SOURCES.md"))).contains("coffee.png", "CC0");

        List<String> lines = Files.readAllLines(EXAMPLE.resolve("labels.csv"));
        assertThat(lines.get(0)).isEqualTo("item,category,color,material");
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                Path photo = EXAMPLE.resolve("images").resolve(f[0]);
                assertThat(photo).exists();
                ObjectNode listing = MAPPER.createObjectNode().put("category", f[1]).put("color", f[2]).put("material", f[3]);
                listing.putArray("key_features").add("as labelled");
                listing.put("marketing_copy", "A " + f[2] + " " + f[1] + ".");
                server.enqueue(VlmAskNodeTest.json(VlmAskNodeTest.vllm(listing.toString(), "", "stop")));

                Map<String, ParamValue> params = new HashMap<>(ask.params());
                params.put("endpoint", new ParamValue.Text(server.url("/v1").toString()));
                ImageValue image = new ImageValue(ImageIO.read(photo.toFile()), f[0], photo);
                Map<String, Object> out = type.execute(new NodeInput(Map.of("image", image),
                        new Params(type.spec(), params)), new RecordingNodeContext());

                assertThat(out.get("json")).as(f[0]).isEqualTo(listing);
                JsonNode sent = MAPPER.readTree(server.takeRequest().getBody().utf8());
                assertThat(sent.path("chat_template_kwargs").path("enable_thinking").asBoolean(true)).isFalse();
                assertThat(sent.path("response_format").path("json_schema").path("schema")).isEqualTo(schema);
            }
        }
    }
}
