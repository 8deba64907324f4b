package dev.flowlens.runtime.scheduler;

import static dev.flowlens.runtime.scheduler.SchedulerFixture.FAST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.runtime.api.FlowLens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hourly moderation example, scheduled and run twice by the service on the real node library. */
class SchedulerExampleTest {
    @TempDir
    Path dir;

    @Test
    void moderationFlagsTheGreyUploadAndAnHourWithNothingNewSucceeds() throws Exception {
        Path source = Path.of("..", "examples", "moderation-hourly").toAbsolutePath().normalize();
        Path example = dir.resolve("moderation-hourly");
        Files.createDirectories(example.resolve("uploads"));
        Files.copy(source.resolve("workflow.json"), example.resolve("workflow.json"));
        try (Stream<Path> images = Files.list(source.resolve("uploads"))) {
            for (Path p : images.filter(p -> p.toString().endsWith(".png")).toList()) {
                Files.copy(p, example.resolve("uploads").resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Path data = dir.resolve("data");
        SchedulerFixture.Events events = new SchedulerFixture.Events();
        try (FlowLens runtime = SchedulerFixture.runtime(data);
             ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data));
             ScheduleService service = ScheduleService.start(store, () -> runtime, FAST, events)) {
            List<ValidationIssue> issues = runtime.validate(WorkflowCodec.read(example.resolve("workflow.json")));
            assertThat(issues).filteredOn(ValidationIssue::isError).isEmpty();

            ScheduleBook book = service.book();
            String id = book.add(NewSchedule.of(example.resolve("workflow.json"), "0 * * * *", ZoneId.of("UTC"))).id();
            book.runNow(id);
            RunRecord first = events.nextFinished();
            assertThat(first.status()).as(first.nodeErrors().toString()).isEqualTo(RunRecord.Status.SUCCEEDED);
            Path out = Path.of(first.outputFiles().stream().filter(f -> f.endsWith("report.csv")).findFirst().orElseThrow())
                    .getParent();
            List<String> report = Files.readAllLines(out.resolve("report.csv"));
            assertThat(report).hasSize(4);
            assertThat(report.get(0)).endsWith(",flagged");
            assertThat(report.stream().filter(l -> l.startsWith("camera.png,")).findFirst().orElseThrow())
                    .contains("grayscale").endsWith(",true");
            assertThat(report.stream().filter(l -> l.startsWith("coffee.png,")).findFirst().orElseThrow()).endsWith(",false");
            // The grey-level upload is the run's one flagged item, listed for review with the reason.
            assertThat(first.itemsFlagged()).isEqualTo(1);
            assertThat(store.run(first.runId()).orElseThrow().itemsFlagged()).isEqualTo(1);
            List<String> flagged = Files.readAllLines(out.resolve("flagged.csv"));
            assertThat(flagged).hasSize(2);
            assertThat(flagged.get(1)).startsWith("camera.png,").contains("grayscale").contains("grey-level upload: a person looks at it");
            assertThat(out.resolve("moderation/grayscale/camera.png")).exists();
            assertThat(out.resolve("moderation/color/coffee.png")).exists();
            assertThat(out.resolve("moderation/color/chelsea.png")).exists();

            // An hour later nothing new arrived: the scan starts after the last successful run.
            SchedulerFixture.await("re-planned", Duration.ofSeconds(10), () -> !book.isRunning(id));
            book.runNow(id);
            RunRecord second = events.nextFinished();
            assertThat(second.status()).as(second.nodeErrors().toString()).isEqualTo(RunRecord.Status.SUCCEEDED);
            Path out2 = Path.of(second.outputFiles().stream().filter(f -> f.endsWith("report.csv")).findFirst().orElseThrow())
                    .getParent();
            assertThat(Files.readAllLines(out2.resolve("report.csv"))).hasSizeLessThanOrEqualTo(1);
            assertThat(second.itemsFlagged()).isZero();
        }
    }
}
