package dev.flowlens.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.flowlens.app.canvas.NodeView;
import dev.flowlens.app.ops.AlertsViewModel;
import dev.flowlens.app.ops.ModelsViewModel;
import dev.flowlens.app.workspace.AppSettings;
import dev.flowlens.app.workspace.MainWindow;
import dev.flowlens.app.workspace.WorkspaceViewModel;
import dev.flowlens.runtime.alert.AlertBook;
import dev.flowlens.runtime.alert.AlertRule;
import dev.flowlens.runtime.alert.WebhookTemplate;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.Operations;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.scheduler.RunAudit;
import dev.flowlens.runtime.scheduler.RunRecord;
import dev.flowlens.runtime.scheduler.ScheduleStore;
import dev.flowlens.runtime.scheduler.StoreLocation;
import dev.flowlens.runtime.value.ItemError;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The operations tabs over a real store in a temp data folder, driven as a user would: History lists app, API and
 * scheduled runs with their triggers and opens a past run's files (CSV as a table, PNG as a picture) and puts a
 * failed scheduled run's node on the canvas; the Dashboard counts seeded runs per day; Alerts sends a test alert to a
 * real webhook on loopback and says sent (or why not), and notifies of a scheduled failure; Models installs the
 * bundled OCR model, verifies it, and catches a damaged file.
 */
@ExtendWith(ApplicationExtension.class)
class OperationsUiTest {
    @TempDir
    Path temp;

    private FlowLens runtime;
    private WorkspaceViewModel workspace;
    private MainWindow window;
    private Path data;
    private Path workflowFile;

    @Start
    void start(Stage stage) throws IOException {
        Path copy = temp.resolve("images-report");
        RunUiTest.copyTree(Path.of(System.getProperty("flowlens.examples", "../examples")).resolve("images-report"), copy);
        workflowFile = copy.resolve("workflow.json").toAbsolutePath().normalize();
        data = temp.resolve("data");
        runtime = FlowLens.open(RuntimeConfig.defaults().withDataFolder(data).withParallelism(2));
        workspace = new WorkspaceViewModel(runtime, new AppSettings(data.resolve("app"), temp));
        window = new MainWindow(stage, workspace);
        workspace.open(workflowFile);
        window.show();
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    private static void await(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void showTab(FxRobot robot, String id) {
        robot.interact(() -> window.runPanel().getSelectionModel().select(
                window.runPanel().getTabs().stream().filter(t -> t.getId().equals(id)).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ScheduleStore store() {
        return ScheduleStore.open(StoreLocation.sqlite(data));
    }

    @Test
    void historyListsAppApiAndScheduledRunsAndOpensAPastRunsFiles(FxRobot robot) throws Exception {
        // A run from the HTTP API that wrote a CSV and a picture, as the API server records it (with its audit).
        Path out = temp.resolve("api-out");
        Files.createDirectories(out);
        Path csv = Files.writeString(out.resolve("report.csv"), "file,width\nastronaut.png,512\ncoffee.png,400\n");
        Path png = Files.copy(workflowFile.resolveSibling("images").resolve("chelsea.png"), out.resolve("chelsea.png"));
        BufferedImage picture = ImageIO.read(png.toFile());
        Instant t = Instant.now().minusSeconds(120);
        try (ScheduleStore store = store()) {
            store.insert(new RunRecord("api-run-1", null, workflowFile.toString(), "api", "API run from report-script", t,
                    t.plusSeconds(3), RunRecord.Status.SUCCEEDED, 9, 0, Map.of(), List.of(csv.toString(), png.toString()), 0, "api"));
            store.saveAudit(new RunAudit("api-run-1", "api-run-1", "Images report", workflowFile.toString(), "", 1, "api",
                    "report-script", Map.of(), "cpu", Map.of(), Instant.now(), List.of(RunAudit.hash(csv), RunAudit.hash(png)),
                    List.of(new RunAudit.NodeOutcome("folder", "SUCCEEDED", 12, 1, "", List.of()),
                            new RunAudit.NodeOutcome("check", "SUCCEEDED", 40, 9, "", List.of(new ItemError(
                                    "truncated.jpg", "check", "the JPEG data ends early (truncated file)"))))));
            store.insert(new RunRecord("sched-run-1", "hourly-1", workflowFile.toString(), "schedule", "", t.minusSeconds(60),
                    t.minusSeconds(55), RunRecord.Status.FAILED, 0, 0, Map.of("check", "images: the folder does not exist"),
                    List.of(), 0, "service"));
        }
        // And a run made here: Run, then it is written into history as "manual".
        robot.clickOn("#tool-run");
        await(() -> window.runs().lastSummaryProperty().get() != null && !window.runs().isRunning());

        showTab(robot, "tab-history");
        TableView<Operations.PastRun> table = window.operations().historyView().table();
        await(() -> table.getItems().size() == 3);
        assertThat(table.getItems()).extracting(Operations.PastRun::trigger).containsExactly("manual", "api", "schedule");
        assertThat(robot.lookup("api").tryQuery()).isPresent();

        // The API run: its files, opened in the preview.
        robot.interact(() -> table.getSelectionModel().select(1));
        assertThat(robot.lookup("#history-facts").queryAs(Label.class).getText()).startsWith("succeeded · api · 9 items ok, 0 failed")
                .contains("API run from report-script");
        ListView<Operations.OutputFile> files = window.operations().historyView().files();
        await(() -> files.getItems().size() == 2);
        assertThat(window.operations().history().nodeLines()).containsExactly("folder: succeeded in 12 ms",
                "check: succeeded in 40 ms · 9 items, 1 failed", "  ✗ truncated.jpg — the JPEG data ends early (truncated file)");
        robot.interact(() -> files.getSelectionModel().select(files.getItems().stream()
                .filter(f -> f.path().equals(csv)).findFirst().orElseThrow()));
        await(() -> robot.lookup("#history-table").tryQuery().isPresent());
        TableView<?> grid = robot.lookup("#history-table").queryAs(TableView.class);
        assertThat(grid.getColumns()).extracting(c -> c.getText()).containsExactly("file", "width");
        assertThat(grid.getItems()).hasSize(2);
        robot.interact(() -> files.getSelectionModel().select(files.getItems().stream()
                .filter(f -> f.path().equals(png)).findFirst().orElseThrow()));
        await(() -> robot.lookup("#history-image").tryQuery().isPresent());
        double scale = Math.min(1.0, 480.0 / Math.max(picture.getWidth(), picture.getHeight()));
        assertThat(robot.lookup("#history-image").queryAs(ImageView.class).getImage().getWidth())
                .isEqualTo(Math.round(picture.getWidth() * scale));
        // And in the desktop's program for it.
        List<Path> opened = new java.util.ArrayList<>();
        robot.interact(() -> window.operations().setFileOpener(opened::add));
        robot.clickOn("#history-open-file");
        assertThat(opened).containsExactly(png);
        // A file deleted since the run: the preview says so, nothing breaks.
        Files.delete(csv);
        robot.interact(() -> files.getSelectionModel().select(files.getItems().stream()
                .filter(f -> f.path().equals(csv)).findFirst().orElseThrow()));
        await(() -> robot.lookup("#history-file-problem").tryQuery().isPresent());
        assertThat(robot.lookup("#history-file-problem").queryAs(Label.class).getText())
                .isEqualTo("✗ report.csv: the file is gone (" + csv + ")");
        robot.clickOn("#history-open-file");
        assertThat(robot.lookup("#history-message").queryAs(Label.class).getText()).isEqualTo("report.csv is gone from " + out);
        assertThat(opened).hasSize(1);

        // The app run: every node's end with the failed item, and its report.
        robot.interact(() -> table.getSelectionModel().select(0));
        assertThat(window.operations().history().nodeLines()).anyMatch(l -> l.startsWith("check: succeeded in "))
                .anyMatch(l -> l.startsWith("  ✗ truncated.jpg — "));
        await(() -> files.getItems().stream().anyMatch(f -> f.path().getFileName().toString().equals("report.csv")));
        assertThat(files.getItems()).allSatisfy(f -> assertThat(f.present()).isTrue());

        // The failed scheduled run of this workflow: its error, and its failed node back on the canvas.
        robot.interact(() -> table.getSelectionModel().select(2));
        assertThat(window.operations().history().nodeLines()).containsExactly("check: failed: images: the folder does not exist");
        robot.clickOn("#history-show-on-canvas");
        WaitForAsyncUtils.waitForFxEvents();
        NodeView check = robot.lookup("#node-check").queryAs(NodeView.class);
        assertThat(check.getPseudoClassStates()).extracting(p -> p.getPseudoClassName()).contains("failed");
        assertThat(check.runStatusText()).contains("the folder does not exist");
        // The API run's nodes on the canvas as it recorded them.
        robot.interact(() -> table.getSelectionModel().select(1));
        await(() -> window.operations().history().nodeLines().size() == 3);
        robot.clickOn("#history-show-on-canvas");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(check.getPseudoClassStates()).extracting(p -> p.getPseudoClassName()).contains("succeeded");
        assertThat(check.runStatusText()).isEqualTo("succeeded in 40 ms · 9 items, 1 failed");
        robot.interact(() -> {
            files.getSelectionModel().select(0);
            // More room for the run panel, for the README's picture.
            javafx.scene.Parent p = window.runPanel().getParent();
            while (p != null && !(p instanceof javafx.scene.control.SplitPane sp
                    && sp.getOrientation() == javafx.geometry.Orientation.VERTICAL)) {
                p = p.getParent();
            }
            if (p != null) {
                ((javafx.scene.control.SplitPane) p).setDividerPositions(0.3);
            }
        });
        await(() -> robot.lookup("#history-image").tryQuery().isPresent());
        robot.interact(() -> Screenshots.save(window.scene(), "history.png"));
    }

    @Test
    void theDashboardCountsRunsAndFailuresPerDayFromHistory(FxRobot robot) throws Exception {
        ZoneId zone = ZoneId.systemDefault();
        Instant noonToday = LocalDate.now(zone).atTime(12, 0).atZone(zone).toInstant();
        Instant today = noonToday.isAfter(Instant.now()) ? Instant.now().minusSeconds(600) : noonToday;
        Instant twoDaysAgo = noonToday.minus(Duration.ofDays(2));
        try (ScheduleStore store = store()) {
            // Per item: 100, 200 and 300 ms (the failed one) today, 1,000 ms two days ago: median 200, p95 1,000.
            store.insert(run("d1", today, 1_000, 10, 0, RunRecord.Status.SUCCEEDED));
            store.insert(run("d2", today.plusSeconds(10), 2_000, 10, 0, RunRecord.Status.SUCCEEDED));
            store.insert(run("d3", today.plusSeconds(20), 3_000, 5, 5, RunRecord.Status.FAILED));
            store.insert(run("d4", twoDaysAgo, 10_000, 10, 0, RunRecord.Status.SUCCEEDED));
            store.insert(run("d5", today.minus(Duration.ofDays(20)), 1_000, 1, 0, RunRecord.Status.SUCCEEDED));
        }
        showTab(robot, "tab-dashboard");
        await(() -> robot.lookup("#dashboard-runs").queryAs(Label.class).getText().equals("4 runs, 1 failed"));
        assertThat(robot.lookup("#dashboard-failure-rate").queryAs(Label.class).getText()).isEqualTo("failure rate 25.0%");
        assertThat(robot.lookup("#dashboard-median").queryAs(Label.class).getText()).isEqualTo("median 200 ms per item");
        assertThat(robot.lookup("#dashboard-p95").queryAs(Label.class).getText()).isEqualTo("p95 1.0 s per item");
        assertThat(robot.lookup("#dashboard-workflow").queryAs(ComboBox.class).getValue()).isEqualTo(workflowFile.toString());
        var chart = window.operations().dashboardView().chart();
        assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly("runs", "failed");
        String todayLabel = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).format(today.atZone(zone));
        assertThat(chart.getData().get(0).getData()).hasSize(7)
                .filteredOn(d -> d.getXValue().equals(todayLabel)).singleElement()
                .satisfies(d -> assertThat(d.getYValue().intValue()).isEqualTo(3));
        assertThat(chart.getData().get(1).getData()).filteredOn(d -> d.getXValue().equals(todayLabel)).singleElement()
                .satisfies(d -> assertThat(d.getYValue().intValue()).isEqualTo(1));
        robot.interact(() -> Screenshots.save(window.scene(), "dashboard.png"));

        // Thirty days take in the old run too.
        robot.interact(() -> window.operations().dashboard().daysProperty().set(30));
        await(() -> robot.lookup("#dashboard-runs").queryAs(Label.class).getText().equals("5 runs, 1 failed"));
        assertThat(chart.getData().get(0).getData()).hasSize(30);
    }

    private RunRecord run(String id, Instant start, long millis, int ok, int failed, RunRecord.Status status) {
        return new RunRecord(id, "daily", workflowFile.toString(), "schedule", "", start, start.plusMillis(millis), status,
                ok, failed, status == RunRecord.Status.FAILED ? Map.of("check", "bad image") : Map.of(), List.of(), 0, "test");
    }

    @Test
    void aTestAlertReachesARealWebhookAndAScheduledFailureIsNotified(FxRobot robot) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.start();
        try {
            String hook = "http://127.0.0.1:" + http.getAddress().getPort() + "/hook";
            String refused;
            try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                refused = "http://127.0.0.1:" + closed.getLocalPort() + "/nobody";
            }
            try (ScheduleStore store = store()) {
                AlertBook book = new AlertBook(store);
                book.add(new AlertRule("alert-good", null, true, true, null, null, AlertRule.Channel.WEBHOOK, hook,
                        WebhookTemplate.SLACK, null, Instant.now().minusSeconds(2)));
                book.add(new AlertRule("alert-down", "hourly-1", true, false, null, null, AlertRule.Channel.WEBHOOK, refused,
                        WebhookTemplate.GENERIC, null, Instant.now()));
            }
            showTab(robot, "tab-alerts");
            TableView<Operations.AlertInfo> rules = window.operations().alertsView().table();
            await(() -> rules.getItems().size() == 2);
            assertThat(rules.getItems().get(0).description()).isEqualTo("on failure, recovery of every schedule -> webhook "
                    + hook + " (slack)");

            robot.interact(() -> rules.getSelectionModel().select(0));
            robot.clickOn("#alert-send-test");
            Label message = robot.lookup("#alert-message").queryAs(Label.class);
            await(() -> message.getText().startsWith("Test alert sent"));
            assertThat(received.poll(10, TimeUnit.SECONDS)).contains("FlowLens test alert");
            await(() -> !window.operations().alerts().deliveries().isEmpty());
            assertThat(window.operations().alerts().deliveries().get(0).sent()).isTrue();

            robot.interact(() -> rules.getSelectionModel().select(1));
            robot.clickOn("#alert-send-test");
            await(() -> message.getText().startsWith("Test alert not delivered: could not connect to 127.0.0.1:"));
            assertThat(message.getPseudoClassStates()).extracting(Object::toString).contains("error");

            // The background service's scheduled run fails while the app is open: a desktop notification says so.
            Instant end = Instant.now().plusMillis(5);
            try (ScheduleStore store = store()) {
                store.insert(new RunRecord("sched-fail", "hourly-1", workflowFile.toString(), "schedule", "",
                        end.minusSeconds(4), end, RunRecord.Status.FAILED, 2, 1,
                        Map.of("check", "images: the folder does not exist"), List.of(), 0, "service"));
            }
            robot.interact(() -> window.operations().alerts().poll());
            await(() -> !window.operations().alerts().notices().isEmpty());
            AlertsViewModel.Notice notice = window.operations().alerts().notices().get(0);
            assertThat(notice.title()).isEqualTo("FlowLens: schedule hourly-1 failed");
            assertThat(notice.text()).contains("workflow.json failed").contains("check: images: the folder does not exist");
            await(() -> robot.lookup(".notification-bar").tryQuery().isPresent());
            assertThat(robot.lookup("FlowLens: schedule hourly-1 failed").tryQuery()).isPresent();
            robot.interact(() -> Screenshots.save(robot.lookup(".notification-bar").query().getScene(), "notification.png"));
            // Looked at once: the same run is not announced twice.
            robot.interact(() -> window.operations().alerts().poll());
            WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(window.operations().alerts().notices()).hasSize(1);

            // The next run of that schedule works again: recovered.
            Instant later = Instant.now().plusMillis(5);
            try (ScheduleStore store = store()) {
                store.insert(new RunRecord("sched-ok", "hourly-1", workflowFile.toString(), "schedule", "",
                        later.minusSeconds(3), later, RunRecord.Status.SUCCEEDED, 3, 0, Map.of(), List.of(), 0, "service"));
            }
            robot.interact(() -> window.operations().alerts().poll());
            await(() -> window.operations().alerts().notices().size() == 2);
            assertThat(window.operations().alerts().notices().get(0).title()).isEqualTo("FlowLens: schedule hourly-1 recovered");
            robot.interact(() -> Screenshots.save(window.scene(), "alerts.png"));
        } finally {
            http.stop(0);
        }
    }

    @Test
    void theModelsTabInstallsTheBundledOcrModelVerifiesItAndCatchesADamagedFile(FxRobot robot) throws Exception {
        showTab(robot, "tab-models");
        ComboBox<?> bundled = robot.lookup("#model-bundled").queryAs(ComboBox.class);
        await(() -> bundled.getItems().size() == 2);
        assertThat(window.operations().models().installed()).isEmpty();
        robot.interact(() -> window.operations().models().install(window.operations().models().installable().stream()
                .filter(b -> b.name().equals("pp-ocrv4")).findFirst().orElseThrow()));
        TableView<ModelsViewModel.Row> table = window.operations().modelsView().table();
        await(() -> table.getItems().size() == 1);
        ModelsViewModel.Row row = table.getItems().get(0);
        assertThat(row.model().task()).isEqualTo("ocr");
        assertThat(row.model().engine()).isEqualTo("OnnxRuntime");
        assertThat(row.model().licence()).isEqualTo("Apache-2.0");
        assertThat(row.model().source()).startsWith("maven:");
        assertThat(row.model().bytes()).isGreaterThan(1_000_000);
        assertThat(bundled.getItems()).hasSize(1);

        // Damage a file: Verify finds it, and says so in red.
        Path det = row.model().folder().resolve("det.onnx");
        Files.write(det, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        robot.clickOn("#model-verify");
        await(() -> table.getItems().get(0).verified().startsWith("1 problem(s): det.onnx: SHA-256 is "));
        Label message = robot.lookup("#model-message").queryAs(Label.class);
        assertThat(message.getText()).contains("do not match their manifest");
        assertThat(message.getPseudoClassStates()).extracting(Object::toString).contains("error");
        assertThat(robot.lookup("pp-ocrv4").tryQuery()).isPresent();
        robot.interact(() -> Screenshots.save(window.scene(), "models.png"));
    }
}
