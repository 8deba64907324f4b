package dev.flowlens.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.runtime.scheduler.AlertTestSupport;
import dev.flowlens.runtime.scheduler.NewSchedule;
import dev.flowlens.runtime.scheduler.RunRecord;
import dev.flowlens.runtime.scheduler.ScheduleService;
import dev.flowlens.runtime.scheduler.ScheduleStore;
import dev.flowlens.runtime.scheduler.ServiceListener;
import dev.flowlens.runtime.scheduler.StoreLocation;
import dev.flowlens.runtime.scheduler.WorkflowSchedule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless service's metrics: schedule lag and scheduled runs, served on the loopback metrics endpoint. */
class ServiceMetricsTest {
    @TempDir
    Path dir;

    @Test
    void scheduledRunShowsUpWithItsLagOnTheMetricsEndpoint() throws Exception {
        Path data = dir.resolve("data");
        Path wf = AlertTestSupport.writingWorkflow(dir.resolve("flows"), "lagged");
        try (FlowLensMetrics metrics = new FlowLensMetrics();
             MeteredFlowLens runtime = new MeteredFlowLens(AlertTestSupport.runtime(data), metrics);
             ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data));
             MetricsEndpoint endpoint = MetricsEndpoint.start(metrics, 0)) {
            AlertTestSupport.Finished finished = new AlertTestSupport.Finished(ServiceListener.NONE);
            try (ScheduleService service = ScheduleService.start(store, () -> runtime, AlertTestSupport.FAST,
                    ServiceListener.all(metrics.scheduleListener(), finished))) {
                WorkflowSchedule s = service.book().add(NewSchedule.of(wf, "0 * * * *", ZoneId.of("UTC")));
                service.book().runNow(s.id());
                assertThat(finished.next().status()).isEqualTo(RunRecord.Status.SUCCEEDED);
            }
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + endpoint.port() + "/api/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("flowlens_schedule_lag_seconds_count 1")
                    .contains("flowlens_runs_started_total{trigger=\"schedule\",workflow=\"lagged\"} 1")
                    .contains("flowlens_runs_finished_total{status=\"succeeded\",trigger=\"schedule\",workflow=\"lagged\"} 1")
                    .contains("flowlens_items_flagged_total{workflow=\"lagged\"} 0.0")
                    .contains("flowlens_schedule_runs_running 0")
                    .contains("# TYPE flowlens_schedule_lag_seconds histogram");
        }
    }
}
