package dev.flowlens.runtime.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.scheduler.AlertTestSupport;
import dev.flowlens.runtime.scheduler.NewSchedule;
import dev.flowlens.runtime.scheduler.RunRecord;
import dev.flowlens.runtime.scheduler.ScheduleService;
import dev.flowlens.runtime.scheduler.ScheduleStore;
import dev.flowlens.runtime.scheduler.StoreLocation;
import dev.flowlens.runtime.scheduler.WorkflowSchedule;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts reach real servers on loopback: an SMTP server (GreenMail) gets the failure mail, an HTTP server gets the
 * webhook after answering the first try with a 500, and the recovery is announced when the schedule runs fine again.
 */
class AlertDeliveryTest {
    private static final String SMTP_PASSWORD = "s3cret-smtp-pw";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", SMTP_PASSWORD));

    @TempDir
    Path dir;

    private HttpServer http;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startHttp() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // The first request fails like an overloaded chat service; the retry gets through.
            int status = requests.incrementAndGet() == 1 ? 500 : 200;
            if (status == 200) {
                received.add(body);
            }
            byte[] answer = (status == 200 ? "ok" : "busy").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stopHttp() {
        http.stop(0);
    }

    @Test
    void failureGoesOutByMailAndWebhookWithARetryAndRecoveryFollows() throws Exception {
        Path data = dir.resolve("data");
        Path flows = dir.resolve("flows");
        Path wf = AlertTestSupport.failingWorkflow(flows, "moderation");
        String hook = "http://127.0.0.1:" + http.getAddress().getPort() + "/hook";
        try (FlowLens runtime = AlertTestSupport.runtime(data);
             ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data));
             AlertDispatcher alerts = new AlertDispatcher(store, name -> "SMTP_PW".equals(name) ? SMTP_PASSWORD : null,
                     3, Duration.ofMillis(50))) {
            AlertTestSupport.Finished finished = new AlertTestSupport.Finished(alerts);
            try (ScheduleService service = ScheduleService.start(store, () -> runtime, AlertTestSupport.FAST, finished)) {
                WorkflowSchedule s = service.book().add(NewSchedule.of(wf, "0 * * * *", ZoneId.of("UTC")).withRetries(0));
                AlertBook book = alerts.book();
                AlertRule webhookRule = book.add(new AlertRule(AlertBook.newId(), s.id(), true, true, null, null,
                        AlertRule.Channel.WEBHOOK, hook, WebhookTemplate.SLACK, null, Instant.now()));
                // The default rule for every schedule mails the team.
                AlertRule mailRule = book.add(new AlertRule(AlertBook.newId(), null, true, false, null, null,
                        AlertRule.Channel.EMAIL, "team@example.com", null,
                        new SmtpSettings("127.0.0.1", MAIL.getSmtp().getPort(), SmtpSettings.Security.NONE, "alerts",
                                SecretRef.env("SMTP_PW"), "flowlens@example.com"), Instant.now()));

                service.book().runNow(s.id());
                RunRecord failed = finished.next();
                assertThat(failed.status()).isEqualTo(RunRecord.Status.FAILED);

                // The webhook got the Slack-shaped failure on the second try.
                String body = received.poll(20, TimeUnit.SECONDS);
                assertThat(body).isNotNull();
                JsonNode slack = JSON.readTree(body);
                assertThat(slack.fieldNames()).toIterable().containsExactly("text");
                assertThat(slack.get("text").asText()).startsWith("FlowLens: schedule " + s.id() + " failed")
                        .contains("broken: ").contains("run: " + failed.runId() + " (FAILED)");
                assertThat(requests.get()).isEqualTo(2);

                // The mail server got the failure mail, authenticated with the password from its reference.
                assertThat(MAIL.waitForIncomingEmail(20_000, 1)).isTrue();
                MimeMessage mail = MAIL.getReceivedMessages()[0];
                assertThat(mail.getSubject()).isEqualTo("FlowLens: schedule " + s.id() + " failed");
                assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("team@example.com");
                assertThat(GreenMailUtil.getBody(mail)).contains("broken: ").doesNotContain(SMTP_PASSWORD);

                // Both deliveries are in history, with attempts and outcome.
                AlertTestSupport.await("two deliveries recorded", () -> book.deliveries(failed.runId(), 10).size() == 2);
                List<AlertBook.Delivery> deliveries = book.deliveries(failed.runId(), 10);
                assertThat(deliveries).allSatisfy(d -> assertThat(d.sent()).isTrue());
                assertThat(deliveries).filteredOn(d -> d.ruleId().equals(webhookRule.id()))
                        .singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
                assertThat(deliveries).filteredOn(d -> d.ruleId().equals(mailRule.id()))
                        .singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(1));

                // Fixed: the next run succeeds and the webhook rule announces the recovery (the mail rule does not).
                AlertTestSupport.writingWorkflow(flows, "moderation");
                AlertTestSupport.await("first execution done", () -> !service.book().isRunning(s.id()));
                service.book().runNow(s.id());
                RunRecord ok = finished.next();
                assertThat(ok.status()).isEqualTo(RunRecord.Status.SUCCEEDED);
                String recovery = received.poll(20, TimeUnit.SECONDS);
                assertThat(recovery).isNotNull();
                assertThat(JSON.readTree(recovery).get("text").asText())
                        .startsWith("FlowLens: schedule " + s.id() + " recovered");
                AlertTestSupport.await("recovery recorded", () -> book.deliveries(ok.runId(), 10).size() == 1);
                assertThat(book.deliveries(ok.runId(), 10).get(0).event()).isEqualTo(Alert.Event.RECOVERY);
                assertThat(MAIL.getReceivedMessages()).hasSize(1);
            }
        }
    }

    @Test
    void aRunThatFlagsItemsAlertsTheRuleWithAFlaggedLimitAndNotTheOthers() throws Exception {
        Path data = dir.resolve("data");
        Path flows = dir.resolve("flows");
        java.nio.file.Files.createDirectories(flows);
        java.nio.file.Files.writeString(flows.resolve("verdicts.csv"), "item,verdict\na.png,ok\nb.png,unsafe\nc.png,unsafe\n");
        Path wf = AlertTestSupport.save(flows, "scan", dev.flowlens.runtime.testnodes.Graph
                .named("scan")
                .node("load", "input.load_table", "path", "verdicts.csv")
                .node("flag", "data.flag_rows", "condition", "verdict == unsafe")
                .node("report", "output.write_csv", "path", "flagged.csv")
                .wire("load.table", "flag.table")
                .wire("flag.flagged", "report.table"));
        String hook = "http://127.0.0.1:" + http.getAddress().getPort() + "/hook";
        try (FlowLens runtime = AlertTestSupport.runtime(data);
             ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data));
             AlertDispatcher alerts = new AlertDispatcher(store, name -> null, 3, Duration.ofMillis(50))) {
            AlertTestSupport.Finished finished = new AlertTestSupport.Finished(alerts);
            try (ScheduleService service = ScheduleService.start(store, () -> runtime, AlertTestSupport.FAST, finished)) {
                WorkflowSchedule s = service.book().add(NewSchedule.of(wf, "0 * * * *", ZoneId.of("UTC")));
                AlertBook book = alerts.book();
                AlertRule anyFlagged = book.add(new AlertRule(AlertBook.newId(), s.id(), false, false, null, 0,
                        AlertRule.Channel.WEBHOOK, hook, WebhookTemplate.GENERIC, null, Instant.now()));
                AlertRule manyFlagged = book.add(new AlertRule(AlertBook.newId(), s.id(), false, false, null, 5,
                        AlertRule.Channel.WEBHOOK, hook, WebhookTemplate.GENERIC, null, Instant.now()));
                assertThat(anyFlagged.describeConditions()).isEqualTo("flagged items > 0");

                service.book().runNow(s.id());
                RunRecord run = finished.next();
                assertThat(run.status()).as(run.nodeErrors().toString()).isEqualTo(RunRecord.Status.SUCCEEDED);
                assertThat(run.itemsFlagged()).isEqualTo(2);

                String body = received.poll(20, TimeUnit.SECONDS);
                assertThat(body).isNotNull();
                JsonNode alert = JSON.readTree(body);
                assertThat(alert.get("event").asText()).isEqualTo("flagged-items");
                assertThat(alert.get("itemsFlagged").asInt()).isEqualTo(2);
                assertThat(alert.get("text").asText()).startsWith("FlowLens: schedule " + s.id() + " 2 item(s) flagged for review");
                AlertTestSupport.await("delivery recorded", () -> book.deliveries(run.runId(), 10).size() == 1);
                assertThat(book.deliveries(run.runId(), 10)).singleElement()
                        .satisfies(d -> assertThat(d.ruleId()).isEqualTo(anyFlagged.id()));
                assertThat(book.rule(manyFlagged.id()).orElseThrow().flaggedItemsAbove()).isEqualTo(5);
            }
        }
    }

    @Test
    void deliveryThatNeverGetsThroughIsRecordedAsFailedWithTheReason() throws Exception {
        Path data = dir.resolve("data");
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data));
             AlertDispatcher alerts = new AlertDispatcher(store, name -> null, 2, Duration.ofMillis(10))) {
            AlertRule rule = alerts.book().add(new AlertRule(AlertBook.newId(), null, true, false, null, null,
                    AlertRule.Channel.EMAIL, "team@example.com", null,
                    new SmtpSettings("127.0.0.1", MAIL.getSmtp().getPort(), SmtpSettings.Security.NONE, "alerts",
                            SecretRef.env("UNSET_PW"), "flowlens@example.com"), Instant.now()));

            AlertBook.Delivery d = alerts.sendTest(rule).get(20, TimeUnit.SECONDS);

            assertThat(d.sent()).isFalse();
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.detail()).isEqualTo("SMTP password env:UNSET_PW is not set; set the environment variable "
                    + "UNSET_PW for the service");
            assertThat(alerts.book().deliveries(null, 5)).containsExactly(d);
        }
    }

    @Test
    void chatBotTemplatesHaveTheShapesTheBotsExpect() throws Exception {
        Alert alert = new Alert(Alert.Event.FAILURE, "hourly", "/flows/m.json", "r1", "FAILED", 3, 1, 0,
                java.util.Map.of("vlm", "timed out"), Instant.parse("2026-11-22T03:00:00Z"));
        JsonNode wecom = JSON.readTree(WebhookTemplate.WECOM.body(alert));
        assertThat(wecom.get("msgtype").asText()).isEqualTo("text");
        assertThat(wecom.at("/text/content").asText()).contains("vlm: timed out");
        assertThat(JSON.readTree(WebhookTemplate.DINGTALK.body(alert)).at("/text/content").asText()).isEqualTo(alert.text());
        JsonNode feishu = JSON.readTree(WebhookTemplate.FEISHU.body(alert));
        assertThat(feishu.get("msg_type").asText()).isEqualTo("text");
        assertThat(feishu.at("/content/text").asText()).isEqualTo(alert.text());
        JsonNode generic = JSON.readTree(WebhookTemplate.GENERIC.body(alert));
        assertThat(generic.get("event").asText()).isEqualTo("failure");
        assertThat(generic.get("itemsFailed").asInt()).isEqualTo(1);
        assertThat(generic.at("/errors/vlm").asText()).isEqualTo("timed out");
    }
}
