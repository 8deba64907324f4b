package dev.flowlens.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.runtime.cli.CliContext;
import dev.flowlens.runtime.cli.FlowLensCli;
import dev.flowlens.runtime.cli.ScheduleCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flowlens schedule ...} as a user types it, with its output and exit codes. */
class SchedulerCliTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private Result schedule(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ScheduleCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        int code = cli.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    @Test
    void addShowPauseResumeRunNowHistoryAndRemove() throws Exception {
        Path wf = SchedulerFixture.writingWorkflow(dir.resolve("flows"), "report", 4);

        Result added = schedule("add", wf.toString(), "--cron", "0 * * * *", "--zone", "Europe/Berlin",
                "--set", "number.value=8", "--overlap", "queue", "--retries", "2", "--data", data());
        assertThat(added.code()).as(added.err()).isZero();
        Matcher m = Pattern.compile("Added schedule (\\S+):").matcher(added.out());
        assertThat(m.find()).isTrue();
        String id = m.group(1);
        assertThat(id).startsWith("report-");
        assertThat(added.out()).contains("cron:      0 * * * *  (every hour (Europe/Berlin))")
                .contains("missed runs run-once, overlap queue, retries 2")
                .contains("overrides: number.value=8");

        Result shown = schedule("show", id, "--data", data());
        assertThat(shown.code()).isZero();
        List<String> times = shown.out().lines().filter(l -> l.matches("\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:00:00 CES?T")).toList();
        assertThat(times).hasSize(5);
        assertThat(shown.out()).contains("last run:  never");

        assertThat(schedule("list", "--data", data()).out()).contains(id).contains("enabled").contains("0 * * * *");
        assertThat(schedule("pause", id, "--data", data()).out()).contains("Paused " + id);
        assertThat(schedule("list", "--data", data()).out()).contains("paused");
        assertThat(schedule("resume", id, "--data", data()).out()).contains("Resumed " + id + "; next run ");
        assertThat(schedule("run-now", id, "--data", data()).out()).contains("is due now");
        assertThat(schedule("history", id, "--data", data()).out()).contains("No runs of " + id + " yet.");

        Result removed = schedule("remove", id, "--data", data());
        assertThat(removed.out()).contains("Removed " + id + "; its run history is kept");
        assertThat(schedule("list", "--data", data()).out()).contains("No schedules.");
        Result missing = schedule("show", id, "--data", data());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no schedule \"" + id + "\"");
    }

    @Test
    void aBadCronSaysWhereAndNothingIsAdded() throws Exception {
        Path wf = SchedulerFixture.writingWorkflow(dir.resolve("flows"), "report", 4);
        Result r = schedule("add", wf.toString(), "--cron", "0 24 * * *", "--data", data());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("flowlens schedule add: --cron cron \"0 24 * * *\": hour field \"24\" at "
                + "position 3: value 24 not in range [0, 23]");
        assertThat(schedule("list", "--data", data()).out()).contains("No schedules.");

        Result badSet = schedule("add", wf.toString(), "--cron", "@daily", "--set", "nosuch.value=1", "--data", data());
        assertThat(badSet.code()).isEqualTo(2);
        assertThat(badSet.err()).contains("--set nosuch.value: report.json has no node \"nosuch\"; its nodes are number, write");

        Result badFile = schedule("add", dir.resolve("missing.json").toString(), "--cron", "@daily", "--data", data());
        assertThat(badFile.err()).contains("missing.json does not exist");

        Result badPolicy = schedule("add", wf.toString(), "--cron", "@daily", "--missed", "later", "--data", data());
        assertThat(badPolicy.err()).contains("--missed must be one of run-once, skip, got \"later\"");
    }

    @Test
    void scheduleAndServiceAreCommandsOfFlowlens() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(new PrintWriter(out), new PrintWriter(err), false,
                config -> { throw new AssertionError("listing schedules must not start a runtime"); });
        assertThat(FlowLensCli.execute(context, "schedule", "list", "--data", data())).isZero();
        assertThat(FlowLensCli.execute(context, "service", "--help")).isZero();
        context.out().flush();
        assertThat(out.toString()).contains("No schedules.").contains("--poll-interval=DURATION").contains("--grace=DURATION");
    }

    @Test
    void theModerationExampleIsOneLineToSchedule() throws Exception {
        Path example = Path.of("..", "examples", "moderation-hourly").toAbsolutePath().normalize();
        JsonNode schedule = new ObjectMapper().readTree(example.resolve("schedule.json").toFile());
        assertThat(schedule.get("cron").asText()).isEqualTo("0 * * * *");
        assertThat(WorkflowCodec.read(example.resolve("workflow.json")).nodes()).hasSize(8);
        assertThat(Files.readString(example.resolve("README.md")))
                .contains("./flowlens schedule add examples/moderation-hourly/workflow.json --cron \"0 * * * *\"");

        Result r = schedule("add", example.resolve(schedule.get("workflow").asText()).toString(),
                "--cron", schedule.get("cron").asText(), "--zone", schedule.get("zone").asText(), "--data", data());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Added schedule moderation-hourly-").contains("every hour (UTC)");
    }
}
