package dev.flowlens.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.validation.IssueCode;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.runtime.value.ItemError;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunEventJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-22T05:00:00Z");

    @Test
    void nodeFinishedCarriesItemErrorsAndShortOutputDescriptions() throws Exception {
        ItemError bad = new ItemError("camera.png", "Check (node check)", "truncated JPEG");
        NodeResult result = new NodeResult.Succeeded(Map.of("images", List.of("a", bad), "count", 2L), 40, 2, List.of(bad));

        JsonNode json = JSON.readTree(RunEventJson.line(new RunEvent.NodeFinished("r1", NodeId.of("check"), result, AT)));

        assertThat(json.get("type").asText()).isEqualTo("node_finished");
        assertThat(json.get("at").asText()).isEqualTo("2026-11-22T05:00:00Z");
        assertThat(json.get("state").asText()).isEqualTo("succeeded");
        assertThat(json.get("durationMs").asLong()).isEqualTo(40);
        assertThat(json.get("itemErrors").get(0).get("item").asText()).isEqualTo("camera.png");
        assertThat(json.get("itemErrors").get(0).get("message").asText()).isEqualTo("truncated JPEG");
        assertThat(json.get("outputs").get("images").asText()).isEqualTo("list of 2 (1 failed)");
        assertThat(json.get("outputs").get("count").asText()).isEqualTo("2");
    }

    @Test
    void runFinishedListsFailuresFilesAndIssues() throws Exception {
        RunSummary summary = new RunSummary("r2", "listings", Trigger.schedule("hourly"), RunStatus.INVALID, AT,
                AT.plusMillis(1500), Map.of(NodeId.of("w"), new NodeResult.Failed("disk full", "", 3)), 0, 0, 2,
                List.of(Path.of("/tmp/out.csv")), List.of(ValidationIssue.error(NodeId.of("resize"), "width",
                IssueCode.VALUE_OUT_OF_RANGE, "Resize (node resize): width must be between 1 and 16384, got 0")));

        JsonNode json = JSON.readTree(RunEventJson.line(new RunEvent.RunFinished("r2", summary, AT)));

        assertThat(json.get("status").asText()).isEqualTo("invalid");
        assertThat(json.get("state").asText()).isEqualTo("invalid");
        assertThat(json.get("node").isNull()).isTrue();
        assertThat(json.get("durationMs").asLong()).isEqualTo(1500);
        assertThat(json.get("failed").get(0).get("node").asText()).isEqualTo("w");
        assertThat(json.get("outputFiles").get(0).asText()).isEqualTo("/tmp/out.csv");
        JsonNode issue = json.get("issues").get(0);
        assertThat(issue.get("node").asText()).isEqualTo("resize");
        assertThat(issue.get("field").asText()).isEqualTo("width");
        assertThat(issue.get("code").asText()).isEqualTo("value_out_of_range");
        assertThat(issue.get("severity").asText()).isEqualTo("error");
    }

    @Test
    void runStartedNamesTheTrigger() throws Exception {
        JsonNode json = JSON.readTree(RunEventJson.line(new RunEvent.RunStarted("r3", "moderation",
                List.of(NodeId.of("a")), Trigger.api("script"), AT)));

        assertThat(json.get("trigger").get("kind").asText()).isEqualTo("api");
        assertThat(json.get("trigger").get("detail").asText()).isEqualTo("script");
        assertThat(json.get("nodes").get(0).asText()).isEqualTo("a");
        assertThat(json.get("done").isNull()).isTrue();
    }
}
