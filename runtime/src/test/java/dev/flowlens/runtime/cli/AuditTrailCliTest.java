package dev.flowlens.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.ModelUse;
import dev.flowlens.runtime.models.BundledCatalogue;
import dev.flowlens.runtime.models.ModelStore;
import dev.flowlens.runtime.scheduler.RunAudit;
import dev.flowlens.runtime.scheduler.RunRecord;
import dev.flowlens.runtime.scheduler.ScheduleStore;
import dev.flowlens.runtime.scheduler.StoreLocation;
import dev.flowlens.runtime.testnodes.Graph;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowlens run --data} records an audit trail that matches the files on disk; {@code runs show} prints it. */
class AuditTrailCliTest {
    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int flowlens(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), false,
                config -> FlowLens.open(config.withParallelism(2)));
        return FlowLensCli.execute(context, args);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void recordedRunMatchesWorkflowAndOutputFilesAndStampsReportRows() throws Exception {
        Files.writeString(dir.resolve("labels.csv"), "file,label\na.png,cat\nb.png,dog\n");
        Path workflow = dir.resolve("report.json");
        Files.writeString(workflow, WorkflowCodec.write(Graph.named("report")
                .node("table", "input.load_table", "path", "labels.csv")
                .node("csv", "output.write_csv", "path", "report.csv", "audit_columns", true)
                .node("json", "output.write_json", "path", "report.json", "audit_columns", true)
                .node("secret", "test.secret_length")
                .wire("table.table", "csv.table").wire("table.table", "json.value").build()));
        Path data = dir.resolve("data");
        Path outDir = dir.resolve("out");

        int code = flowlens("run", workflow.toString(), "--data", data.toString(), "--out", outDir.toString(),
                "--set", "secret.key=env:HOME", "--set", "csv.path=report.csv");

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Recorded in history: flowlens runs show ");
        RunRecord record;
        RunAudit audit;
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data))) {
            List<RunRecord> runs = store.history(null, 10);
            assertThat(runs).hasSize(1);
            record = runs.get(0);
            audit = store.audit(record.runId()).orElseThrow();
        }
        assertThat(record.status()).isEqualTo(RunRecord.Status.SUCCEEDED);
        assertThat(record.trigger()).isEqualTo("cli");
        assertThat(record.scheduleId()).isNull();
        assertThat(audit.engineRunId()).isEqualTo(record.runId());
        assertThat(audit.workflowSha256()).isEqualTo(sha256(workflow));
        assertThat(audit.formatVersion()).isEqualTo(1);
        assertThat(audit.triggerKind()).isEqualTo("cli");
        assertThat(audit.triggerDetail()).isEqualTo(System.getProperty("user.name"));
        assertThat(audit.device()).isEqualTo("cpu");
        assertThat(audit.overrides()).containsEntry("csv.path", "report.csv")
                .containsEntry("secret.key", "(secret reference)");
        assertThat(audit.overrides().toString()).doesNotContain("HOME");
        // Every output file is recorded with the hash of the file on disk.
        Path csv = outDir.resolve("report.csv");
        Path json = outDir.resolve("report.json");
        assertThat(audit.outputs()).extracting(RunAudit.OutputFile::path)
                .containsExactlyInAnyOrder(csv.toString(), json.toString());
        for (RunAudit.OutputFile f : audit.outputs()) {
            assertThat(f.sha256()).isEqualTo(sha256(Path.of(f.path())));
            assertThat(f.size()).isEqualTo(Files.size(Path.of(f.path())));
        }
        // The report rows carry the run id, the workflow hash and the device.
        // (Jackson's CSV writer quotes long text such as the hash; the quotes are not part of the value.)
        List<String> lines = Files.readAllLines(csv).stream().map(l -> l.replace("\"", "")).toList();
        assertThat(lines.get(0)).isEqualTo("file,label,run_id,workflow_sha256,device");
        assertThat(lines.subList(1, lines.size())).containsExactly(
                "a.png,cat," + record.runId() + "," + sha256(workflow) + ",cpu",
                "b.png,dog," + record.runId() + "," + sha256(workflow) + ",cpu");
        assertThat(Files.readString(json)).contains("\"run_id\": \"" + record.runId() + "\"")
                .contains("\"workflow_sha256\": \"" + sha256(workflow) + "\"");

        // runs show, by the first characters of the id, prints the trail and checks the files.
        assertThat(flowlens("runs", "show", record.runId().substring(0, 15), "--data", data.toString())).isZero();
        assertThat(out.toString()).contains("Run " + record.runId() + ": SUCCEEDED")
                .contains("started by:     cli")
                .contains("sha-256:        " + sha256(workflow))
                .contains("format version: 1")
                .contains("device:         cpu")
                .contains("secret.key = (secret reference)")
                .contains(csv.toString())
                .contains("sha-256 " + sha256(csv) + ", " + Files.size(csv) + " bytes, unchanged")
                .contains("  nodes:\n").contains("    csv: succeeded");
        Files.writeString(csv, "tampered\n");
        assertThat(flowlens("runs", "show", record.runId(), "--data", data.toString())).isZero();
        assertThat(out.toString()).contains("CHANGED or gone since the run");

        assertThat(flowlens("runs", "list", "--data", data.toString())).isZero();
        assertThat(out.toString()).contains(record.runId()).contains("cli").contains("SUCCEEDED")
                .contains(workflow.toString() + " (" + sha256(workflow).substring(0, 12) + ")");

        assertThat(flowlens("runs", "show", "nope", "--data", data.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no run nope");
    }

    /** A run that reads text with the bundled OCR model names the model and its checksum in the trail and on rows. */
    @Test
    void theTrailAndReportRowsNameTheModelARunComputedWith() throws Exception {
        Path image = Path.of("..", "examples", "images-report", "images", "text.png").toAbsolutePath().normalize();
        Path workflow = dir.resolve("read.json");
        Files.writeString(workflow, WorkflowCodec.write(Graph.named("read")
                .node("load", "input.load_image", "path", image.toString())
                .node("ocr", "model.ocr", "device", "cpu")
                .node("json", "output.write_json", "path", "text.json", "audit_columns", true)
                .wire("load.image", "ocr.image").wire("ocr.result", "json.value").build()));
        Path data = dir.resolve("data");
        Path outDir = dir.resolve("out");

        assertThat(flowlens("run", workflow.toString(), "--data", data.toString(), "--out", outDir.toString()))
                .as(out + "\n" + err).isZero();

        String checksum = ModelStore.in(data).find(BundledCatalogue.OCR).orElseThrow().checksum();
        assertThat(checksum).matches("[0-9a-f]{64}");
        RunAudit audit;
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data))) {
            audit = store.audit(store.history(null, 1).get(0).runId()).orElseThrow();
        }
        assertThat(audit.models()).containsExactly(
                Map.entry("ocr", new ModelUse(BundledCatalogue.OCR, "OnnxRuntime", checksum)));
        assertThat(Files.readString(outDir.resolve("text.json")))
                .contains("\"models\": \"" + BundledCatalogue.OCR + "@" + checksum.substring(0, 12) + "\"");
        assertThat(flowlens("runs", "show", audit.runId(), "--data", data.toString())).isZero();
        assertThat(out.toString()).contains("  models:\n    ocr: pp-ocrv4 (OnnxRuntime), sha-256 " + checksum);
    }

    /** The moderation example's verdict reaches the summary and the history a person reads. */
    @Test
    void flaggedItemsAreInTheSummaryAndInRunsShow() throws Exception {
        Path example = Path.of("..", "examples", "moderation-hourly", "workflow.json").toAbsolutePath().normalize();
        Path data = dir.resolve("data");

        assertThat(flowlens("run", example.toString(), "--data", data.toString(), "--out", dir.resolve("out").toString()))
                .as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Items: 3 ok, 0 failed, 1 flagged for review");

        String runId;
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data))) {
            runId = store.history(null, 1).get(0).runId();
        }
        assertThat(flowlens("runs", "show", runId, "--data", data.toString())).isZero();
        assertThat(out.toString()).contains("items:      3 ok, 0 failed, 1 flagged for review");
    }

    @Test
    void noHistoryLeavesTheDataFolderAlone() throws Exception {
        Path workflow = dir.resolve("one.json");
        Files.writeString(workflow, WorkflowCodec.write(Graph.named("one").node("a", "test.const", "value", 1).build()));
        Path data = dir.resolve("data");

        assertThat(flowlens("run", workflow.toString(), "--data", data.toString(), "--no-history")).isZero();

        assertThat(data.resolve(StoreLocation.SQLITE_FILE)).doesNotExist();
        assertThat(out.toString()).doesNotContain("Recorded in history");
    }

    @Test
    void runsPruneKeepsTheNewestRunsAndTheirFiles() throws Exception {
        Path workflow = dir.resolve("write.json");
        Files.writeString(workflow, WorkflowCodec.write(Graph.named("write").node("a", "test.const", "value", 1)
                .node("w", "test.write_text", "path", "one.txt").wire("a.value", "w.value").build()));
        Path data = dir.resolve("data");
        assertThat(flowlens("run", workflow.toString(), "--data", data.toString(), "--out", dir.resolve("o1").toString()))
                .isZero();
        assertThat(flowlens("run", workflow.toString(), "--data", data.toString(), "--out", dir.resolve("o2").toString()))
                .isZero();

        assertThat(flowlens("runs", "prune", "--keep-runs", "1", "--data", data.toString())).isZero();

        assertThat(out.toString()).contains("Pruned 1 run(s) from history; their output files stay.");
        assertThat(dir.resolve("o1/one.txt")).exists();
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data))) {
            assertThat(store.history(null, 10)).singleElement()
                    .satisfies(r -> assertThat(r.outputFiles()).containsExactly(dir.resolve("o2/one.txt").toString()));
        }
        assertThat(flowlens("runs", "prune", "--data", data.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--keep-days N and/or --keep-runs N");
    }
}
