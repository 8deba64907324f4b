package dev.flowlens.runtime.nodes.vlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeFlag;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.vlm.AnswerParser;
import dev.flowlens.runtime.vlm.AnswerSchema;
import dev.flowlens.runtime.vlm.Endpoint;
import dev.flowlens.runtime.vlm.ImageEncoder;
import dev.flowlens.runtime.vlm.PromptTemplate;
import dev.flowlens.runtime.vlm.VlmAnswer;
import dev.flowlens.runtime.vlm.VlmAsker;
import dev.flowlens.runtime.vlm.VlmClient;
import dev.flowlens.runtime.vlm.VlmException;
import dev.flowlens.runtime.vlm.VlmQuery;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * "Ask vision model": sends an image and a prompt to an OpenAI-compatible chat-completions endpoint (GLM-4.6V
 * on vLLM/SGLang/Ollama, Z.ai's API, …) and returns the answer, its JSON checked against an optional schema,
 * the model's reasoning, grounding boxes as detections, usage and latency.
 */
public final class AskVisionModel implements NodeType {
    public static final String TYPE_ID = "vlm.ask";

    private static final NodeSpec SPEC = NodeSpec.builder(TYPE_ID, "Ask vision model", "AI")
            .description("Asks a vision-language model about an image over an OpenAI-compatible endpoint "
                    + "(vLLM, SGLang, Ollama, LM Studio, Z.ai). With a response schema the answer is validated JSON.")
            .input(InputSpec.required("image", PortType.IMAGE, "The image to ask about"))
            .input(InputSpec.optional("text", PortType.TEXT, "Text for the prompt template, as {{text}}"))
            .input(InputSpec.optional("json", PortType.JSON, "An object whose fields fill {{field}} in the prompt template"))
            .output(OutputSpec.of("answer", PortType.TEXT, "The answer without think blocks"))
            .output(OutputSpec.of("json", PortType.JSON, "The JSON in the answer (validated when a schema is set); null if none"))
            .output(OutputSpec.of("reasoning", PortType.TEXT, "The model's reasoning (reasoning_content or think block)"))
            .output(OutputSpec.of("detections", PortType.DETECTIONS, "Grounding boxes, in pixels of the input image"))
            .output(OutputSpec.of("usage", PortType.JSON, "Prompt and completion tokens, summed over requests"))
            .output(OutputSpec.of("latency_ms", PortType.INTEGER, "Time spent waiting for the server, in ms"))
            .output(OutputSpec.of("model", PortType.TEXT, "The model name the server reported"))
            .param(ParamSpec.TextParam.of("endpoint", "Endpoint", "http://localhost:8000/v1",
                    "Base URL of the OpenAI-compatible API (vLLM: http://localhost:8000/v1, Ollama: "
                            + "http://localhost:11434/v1, Z.ai: https://api.z.ai/api/paas/v4)").withPattern("https?://\\S+"))
            .param(new ParamSpec.TextParam("model", "Model", "Model name as the server knows it", "glm-4.6v-flash",
                    false, null, true))
            .param(ParamSpec.SecretParam.optional("api_key", "API key",
                    "Reference to the key, such as env:ZAI_API_KEY; empty for local servers"))
            .param(ParamSpec.TextParam.multiline("system_prompt", "System prompt", "", "Sent as the system message"))
            .param(ParamSpec.TextParam.multiline("prompt", "Prompt", "Describe this image.",
                    "The question; {{field}} takes a field of the json input, {{text}} the text input, "
                            + "{{image_name}}, {{image_width}}, {{image_height}} describe the image"))
            .param(ParamSpec.NumberParam.of("temperature", "Temperature", 0.2, 0.0, 2.0,
                    "Sampling temperature; low values give steadier answers"))
            .param(ParamSpec.IntParam.of("max_tokens", "Max tokens", 2048, 1, 131072,
                    "Most tokens the model may write, thinking included"))
            .param(ParamSpec.IntParam.of("timeout_s", "Timeout (s)", 120, 1, 3600, "Per request"))
            .param(ParamSpec.IntParam.of("max_concurrent", "Max concurrent requests", 4, 1, 256,
                    "Requests in flight to this endpoint at once, shared by every node and run that uses it"))
            .param(ParamSpec.IntParam.of("image_max_side", "Image max side", 1024, 32, 8192,
                    "The image is scaled down so its longer side is at most this many pixels before sending"))
            .param(ParamSpec.ChoiceParam.of("image_format", "Image format", "auto", List.of("auto", "jpeg", "png"),
                    "How the image is sent; auto = PNG for images with transparency, JPEG otherwise"))
            .param(ParamSpec.ChoiceParam.of("detail", "Detail", "auto", List.of("auto", "low", "high"),
                    "The image_url detail level, for servers that use it"))
            .param(ParamSpec.BoolParam.of("thinking", "Thinking", true,
                    "Off sends chat_template_kwargs.enable_thinking=false (vLLM, SGLang) or thinking.type=disabled "
                            + "(Z.ai): faster answers"))
            .param(ParamSpec.JsonSchemaParam.optional("response_schema", "Response schema",
                    "A JSON schema the answer must match; the answer is validated and repaired once if it does not"))
            .param(ParamSpec.ChoiceParam.of("response_format", "Response format", "auto",
                    List.of("auto", "json_schema", "json_object", "none"),
                    "How structured output is requested; auto tries json_schema, then json_object, then none, "
                            + "and remembers what the endpoint accepts"))
            .flag(NodeFlag.NON_DETERMINISTIC)
            .build();

    private final VlmClient client;

    public AskVisionModel() {
        this(VlmClient.shared());
    }

    /** With a client of the caller's own (tests use faster retries). */
    public AskVisionModel(VlmClient client) {
        this.client = client;
    }

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        Params p = input.params();
        String label = context.nodeLabel();
        ImageValue image = input.get("image", ImageValue.class);

        String key = null;
        Optional<SecretRef> keyRef = p.secret("api_key");
        if (keyRef.isPresent()) {
            key = context.secret(keyRef.get());
        }
        Endpoint endpoint;
        try {
            endpoint = Endpoint.of(p.text("endpoint"), key);
        } catch (IllegalArgumentException e) {
            throw new NodeFailure(label + ": endpoint " + e.getMessage());
        }
        AnswerSchema schema = null;
        Optional<JsonNode> schemaNode = p.json("response_schema");
        if (schemaNode.isPresent()) {
            try {
                schema = AnswerSchema.of(schemaNode.get());
            } catch (IllegalArgumentException e) {
                throw new NodeFailure(label + ": response_schema " + e.getMessage());
            }
        }
        String prompt;
        try {
            prompt = PromptTemplate.render(p.text("prompt"), fields(image, input));
        } catch (IllegalArgumentException e) {
            throw new NodeFailure(label + ": prompt " + e.getMessage());
        }
        ImageEncoder.EncodedImage encoded = ImageEncoder.encode(image.image(), (int) p.integer("image_max_side"),
                ImageEncoder.Format.valueOf(p.text("image_format").toUpperCase(Locale.ROOT)));
        VlmQuery query = new VlmQuery(endpoint, p.text("model").strip(), p.text("system_prompt"), prompt, encoded,
                p.text("detail"), p.number("temperature"), (int) p.integer("max_tokens"),
                Duration.ofSeconds(p.integer("timeout_s")), (int) p.integer("max_concurrent"),
                p.bool("thinking") ? null : Boolean.FALSE, schema, p.text("response_format"));

        VlmAnswer answer;
        try {
            answer = new VlmAsker(client).ask(query, context::isCancelled,
                    note -> context.log(image.name() + ": " + note));
        } catch (VlmException e) {
            throw new NodeFailure(label + ": " + image.name() + ": " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("answer", answer.parsed().text());
        out.put("json", answer.parsed().json().orElse(NullNode.getInstance()));
        out.put("reasoning", answer.parsed().reasoning());
        out.put("detections", AnswerParser.toDetections(answer.parsed().boxes(), image.width(), image.height()));
        out.put("usage", answer.usage());
        out.put("latency_ms", answer.latencyMillis());
        out.put("model", answer.model().isEmpty() ? query.model() : answer.model());
        return out;
    }

    /** What {{field}} can name: the image's name and size, the text input, the json input's fields. */
    private static Map<String, String> fields(ImageValue image, NodeInput input) {
        Map<String, String> fields = new HashMap<>();
        fields.put("image_name", image.name());
        fields.put("image_width", Integer.toString(image.width()));
        fields.put("image_height", Integer.toString(image.height()));
        input.optional("text", String.class).ifPresent(t -> fields.put("text", t));
        input.optional("json", JsonNode.class).ifPresent(j -> flatten("", j, fields));
        return fields;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> fields) {
        if (node.isObject()) {
            if (!prefix.isEmpty()) {
                fields.put(prefix, node.toString());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), fields);
            }
        } else if (!prefix.isEmpty()) {
            fields.put(prefix, node.isValueNode() ? node.asText() : node.toString());
        } else {
            fields.put("json", node.isValueNode() ? node.asText() : node.toString());
        }
    }
}
