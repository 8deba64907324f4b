package dev.flowlens.runtime.vlm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.runtime.value.Detections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shapes answers come in from GLM on vLLM, SGLang, Ollama and Z.ai. */
class VlmAnswerParserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aThinkBlockIsReasoningNotAnswer() {
        ParsedAnswer a = AnswerParser.parse("<think>\nIt is a mug.\n</think>\nA white mug.", null);
        assertThat(a.text()).isEqualTo("A white mug.");
        assertThat(a.reasoning()).isEqualTo("It is a mug.");
    }

    @Test
    void onlyAClosingTagMeansTheTemplateOpenedTheBlock() {
        ParsedAnswer a = AnswerParser.parse("It is a mug, probably ceramic.</think>{\"category\": \"mug\"}", "");
        assertThat(a.reasoning()).isEqualTo("It is a mug, probably ceramic.");
        assertThat(a.json()).contains(MAPPER.createObjectNode().put("category", "mug"));
    }

    @Test
    void anUnclosedThinkBlockLeavesNoAnswer() {
        ParsedAnswer a = AnswerParser.parse("<think>Let me look at the handle and", null);
        assertThat(a.text()).isEmpty();
        assertThat(a.reasoning()).isEqualTo("Let me look at the handle and");
        assertThat(a.json()).isEmpty();
    }

    @Test
    void reasoningContentAndThinkBlocksAreJoined() {
        ParsedAnswer a = AnswerParser.parse("<think>second</think>done", "first");
        assertThat(a.reasoning()).isEqualTo("first\n\nsecond");
        assertThat(a.text()).isEqualTo("done");
    }

    @Test
    void jsonIsFoundInFencesAndInProse() throws Exception {
        assertThat(AnswerParser.parse("Here you go:\n```json\n{\"a\": [1, 2]}\n```\nAnything else?", null).json())
                .contains(MAPPER.readTree("{\"a\": [1, 2]}"));
        assertThat(AnswerParser.parse("```\n[{\"a\": 1}]\n```", null).json()).contains(MAPPER.readTree("[{\"a\": 1}]"));
        assertThat(AnswerParser.parse("The listing is {\"color\": \"red\"} as asked. {\"x\": 2}", null).json())
                .contains(MAPPER.readTree("{\"color\": \"red\"}"));
        assertThat(AnswerParser.parse("Use {braces} like {\"ok\": true}", null).json())
                .contains(MAPPER.readTree("{\"ok\": true}"));
        assertThat(AnswerParser.parse("{\"color\": \"red\", \"mat", null).json()).isEmpty();
        assertThat(AnswerParser.parse("no json here", null).json()).isEmpty();
    }

    @Test
    void boxTokensAreUnwrappedAndScaledToPixels() {
        ParsedAnswer a = AnswerParser.parse("Two cups: <|begin_of_box|>[[0,0,500,500],[500,500,1000,1000]]<|end_of_box|>",
                null);
        assertThat(a.text()).isEqualTo("Two cups: [[0,0,500,500],[500,500,1000,1000]]");
        Detections d = AnswerParser.toDetections(a.boxes(), 640, 480);
        assertThat(d.items()).hasSize(2);
        assertThat(d.items().get(1).x()).isEqualTo(320.0);
        assertThat(d.items().get(1).y()).isEqualTo(240.0);
        assertThat(d.items().get(1).width()).isEqualTo(320.0);
        assertThat(d.items().get(1).height()).isEqualTo(240.0);
    }

    @Test
    void labelledJsonBoxesKeepTheirLabelsAndAreClamped() {
        ParsedAnswer a = AnswerParser.parse(
                "[{\"label\": \"cat\", \"bbox_2d\": [100, 100, 300, 1200]}, {\"label\": \"cup\", \"bbox_2d\": [1, 2]}]", null);
        Detections d = AnswerParser.toDetections(a.boxes(), 1000, 1000);
        assertThat(d.items()).extracting(x -> x.label()).isEqualTo(List.of("cat"));
        assertThat(d.items().get(0).height()).as("clamped to the image").isEqualTo(900.0);
    }
}
