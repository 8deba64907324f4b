package dev.flowlens.runtime.metrics;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.RunEvent;
import dev.flowlens.runtime.api.RunListener;
import dev.flowlens.runtime.inference.LoadedModel;
import dev.flowlens.runtime.scheduler.RunRecord;
import dev.flowlens.runtime.scheduler.ServiceListener;
import dev.flowlens.runtime.vlm.ChatResult;
import dev.flowlens.runtime.vlm.VlmCallListener;
import dev.flowlens.runtime.vlm.VlmClient;
import dev.flowlens.runtime.vlm.VlmException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The process's metrics registry and the listeners that feed it. Runs are observed through their events (wrap the
 * runtime with {@link MeteredFlowLens}), schedule lag through {@link #scheduleListener()}; nothing inside nodes
 * changes. {@link #scrape()} is the Prometheus text exposition that {@code /api/metrics} serves.
 *
 * <p>Meters: {@code flowlens_runs_started_total{workflow,trigger}}, {@code flowlens_runs_finished_total{workflow,
 * trigger,status}}, {@code flowlens_items_processed_total{workflow}}, {@code flowlens_items_failed_total{workflow}},
 * {@code flowlens_items_flagged_total{workflow}}, {@code flowlens_node_duration_seconds{node_type}} (histogram), {@code flowlens_runs_active},
 * {@code flowlens_schedule_lag_seconds} (due to started, histogram), {@code flowlens_schedule_runs_running},
 * {@code flowlens_vlm_request_seconds{endpoint,outcome}}, {@code flowlens_vlm_retries_total{endpoint}},
 * {@code flowlens_vlm_tokens_total{endpoint,kind}}, {@code flowlens_model_inference_seconds{model,device}} (one
 * forward pass of a model, histogram; an item that fell back from a GPU to the CPU counts on the CPU), and
 * Micrometer's {@code jvm_memory_*}.
 */
public final class FlowLensMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmMemoryMetrics jvmMemory = new JvmMemoryMetrics();
    private final AtomicInteger activeRuns = new AtomicInteger();
    private final AtomicInteger scheduledRunning = new AtomicInteger();
    private final AutoCloseable vlmSubscription;
    private final AutoCloseable inferenceSubscription;

    public FlowLensMetrics() {
        jvmMemory.bindTo(registry);
        Gauge.builder("flowlens.runs.active", activeRuns, AtomicInteger::get)
                .description("Runs started and not yet finished in this process").register(registry);
        Gauge.builder("flowlens.schedule.runs.running", scheduledRunning, AtomicInteger::get)
                .description("Scheduled runs in progress in this process").register(registry);
        vlmSubscription = VlmClient.listen(new VlmCallListener() {
            @Override
            public void chatSucceeded(String endpoint, ChatResult result) {
                vlmTimer(endpoint, "ok").record(Duration.ofMillis(result.latencyMillis()));
                Counter.builder("flowlens.vlm.retries").description("VLM request retries")
                        .tag("endpoint", endpoint).register(registry).increment(Math.max(0, result.attempts() - 1));
                tokens(endpoint, "prompt").increment(result.promptTokens());
                tokens(endpoint, "completion").increment(result.completionTokens());
            }

            @Override
            public void chatFailed(String endpoint, VlmException failure, long latencyMillis) {
                vlmTimer(endpoint, "failed").record(Duration.ofMillis(latencyMillis));
            }
        });
        inferenceSubscription = LoadedModel.listen((model, device, nanos) ->
                inferenceTimer(model, device).record(Duration.ofNanos(nanos)));
    }

    private Timer inferenceTimer(String model, String device) {
        return Timer.builder("flowlens.model.inference")
                .description("One model inference (pre- and post-processing inside the model call included)")
                .tags("model", model, "device", device).publishPercentileHistogram().register(registry);
    }

    private Timer vlmTimer(String endpoint, String outcome) {
        return Timer.builder("flowlens.vlm.request").description("VLM chat request latency, retries included")
                .tags("endpoint", endpoint, "outcome", outcome).publishPercentileHistogram().register(registry);
    }

    private Counter tokens(String endpoint, String kind) {
        return Counter.builder("flowlens.vlm.tokens").description("Tokens the VLM server reported")
                .tags("endpoint", endpoint, "kind", kind).register(registry);
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    /** The content type of {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    /** For other parts that add their own meters (the API's queue length). */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** A listener for one run of {@code workflow}: counts its start, end, items and node latencies. */
    public RunListener runListener(Workflow workflow) {
        Map<NodeId, String> types = new HashMap<>();
        for (NodeInstance n : workflow.nodes()) {
            types.put(n.id(), n.type());
        }
        return new RunListener() {
            private String trigger = "unknown";
            private boolean started;

            @Override
            public void onEvent(RunEvent event) {
                String name = workflow.name();
                if (event instanceof RunEvent.RunStarted e) {
                    trigger = e.trigger().kind().name().toLowerCase(Locale.ROOT);
                    started = true;
                    activeRuns.incrementAndGet();
                    Counter.builder("flowlens.runs.started").description("Runs started")
                            .tags("workflow", name, "trigger", trigger).register(registry).increment();
                } else if (event instanceof RunEvent.NodeFinished e) {
                    long millis = durationOf(e.result());
                    if (millis >= 0) {
                        Timer.builder("flowlens.node.duration").description("Time a node took to run (all its items)")
                                .tags("node_type", types.getOrDefault(e.node(), "unknown"))
                                .publishPercentileHistogram().register(registry).record(Duration.ofMillis(millis));
                    }
                } else if (event instanceof RunEvent.RunFinished e) {
                    if (started) {
                        activeRuns.decrementAndGet();
                    }
                    Counter.builder("flowlens.runs.finished").description("Runs finished, by how they ended")
                            .tags("workflow", name, "trigger", trigger,
                                    "status", e.summary().status().name().toLowerCase(Locale.ROOT))
                            .register(registry).increment();
                    Counter.builder("flowlens.items.processed").description("Items that came out fine")
                            .tags("workflow", name).register(registry).increment(e.summary().itemsOk());
                    Counter.builder("flowlens.items.failed").description("Items that failed")
                            .tags("workflow", name).register(registry).increment(e.summary().itemsFailed());
                    Counter.builder("flowlens.items.flagged").description("Items flagged for review (data.flag_rows)")
                            .tags("workflow", name).register(registry).increment(e.summary().itemsFlagged());
                }
            }
        };
    }

    private static long durationOf(NodeResult r) {
        if (r instanceof NodeResult.Succeeded s) {
            return s.durationMillis();
        }
        if (r instanceof NodeResult.Failed f) {
            return f.durationMillis();
        }
        return -1; // cached, skipped and cancelled nodes did not run
    }

    /** Schedule lag (due time to start) and scheduled runs in progress, from the schedule service. */
    public ServiceListener scheduleListener() {
        return new ServiceListener() {
            @Override
            public void runStarted(RunRecord record, Instant dueAt) {
                scheduledRunning.incrementAndGet();
                Duration lag = Duration.between(dueAt, record.startedAt());
                Timer.builder("flowlens.schedule.lag").description("From a scheduled run's due time to its start")
                        .publishPercentileHistogram().register(registry).record(lag.isNegative() ? Duration.ZERO : lag);
            }

            @Override
            public void runFinished(RunRecord record) {
                if (record.status() != RunRecord.Status.SKIPPED) {
                    scheduledRunning.updateAndGet(n -> Math.max(0, n - 1));
                }
            }
        };
    }

    @Override
    public void close() {
        try {
            vlmSubscription.close();
            inferenceSubscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("removing a listener cannot fail", e);
        }
        registry.close();
    }
}
