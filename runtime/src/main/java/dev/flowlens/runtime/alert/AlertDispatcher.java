package dev.flowlens.runtime.alert;

import dev.flowlens.runtime.scheduler.RunRecord;
import dev.flowlens.runtime.scheduler.ScheduleStore;
import dev.flowlens.runtime.scheduler.ServiceListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for every scheduled run that ends, which alert rules fire (failure, recovery after a failure, more
 * failed or flagged items than a limit) and delivers them on its own threads: retried with a doubling back-off, each outcome
 * recorded in {@link AlertBook}. It never blocks the scheduler's thread and never throws into it, so an alert
 * problem cannot delay or fail a run. Register it as the {@link ServiceListener} of the schedule service.
 */
public final class AlertDispatcher implements ServiceListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    private final AlertBook book;
    private final ScheduleStore store;
    private final WebhookChannel webhook;
    private final MailChannel mail;
    private final int attempts;
    private final Duration firstBackoff;
    private final ScheduledExecutorService executor;

    /**
     * @param environment  where {@code env:} secret references (SMTP passwords) are looked up
     * @param attempts     tries per delivery, at least 1
     * @param firstBackoff wait before the second try; doubled for each further one
     */
    public AlertDispatcher(ScheduleStore store, UnaryOperator<String> environment, int attempts, Duration firstBackoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.store = store;
        this.book = new AlertBook(store);
        this.webhook = new WebhookChannel(Duration.ofSeconds(10));
        this.mail = new MailChannel(environment, Duration.ofSeconds(20));
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "flowlens-alerts-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = pool;
    }

    /** Four tries, 5 s, 10 s and 20 s apart; secrets from the process environment. */
    public static AlertDispatcher create(ScheduleStore store) {
        return new AlertDispatcher(store, System::getenv, 4, Duration.ofSeconds(5));
    }

    public AlertBook book() {
        return book;
    }

    @Override
    public void runFinished(RunRecord record) {
        submit(record);
    }

    @Override
    public void runInterrupted(RunRecord record) {
        submit(record);
    }

    private void submit(RunRecord record) {
        if (record.scheduleId() == null) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    evaluate(record);
                } catch (RuntimeException e) {
                    LOG.warn("alerts for run {} could not be worked out", record.runId(), e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("alert dispatcher closed; no alerts for run {}", record.runId());
        }
    }

    /** The deliveries started for a run that ended; for tests through {@link #runFinished}. */
    List<CompletableFuture<AlertBook.Delivery>> evaluate(RunRecord r) {
        List<CompletableFuture<AlertBook.Delivery>> started = new ArrayList<>();
        if (r.status() == RunRecord.Status.RUNNING || r.status() == RunRecord.Status.SKIPPED) {
            return started;
        }
        List<AlertRule> rules = book.rulesFor(r.scheduleId());
        if (rules.isEmpty()) {
            return started;
        }
        boolean failed = isFailure(r.status());
        boolean previousFailed = previous(store, r).map(p -> isFailure(p.status())).orElse(false);
        for (AlertRule rule : rules) {
            Alert.Event event = null;
            if (failed && rule.onFailure()) {
                event = Alert.Event.FAILURE;
            } else if (r.status() == RunRecord.Status.SUCCEEDED && previousFailed && rule.onRecovery()) {
                event = Alert.Event.RECOVERY;
            } else if (rule.failedItemsAbove() != null && r.itemsFailed() > rule.failedItemsAbove()) {
                event = Alert.Event.FAILED_ITEMS;
            } else if (rule.flaggedItemsAbove() != null && r.itemsFlagged() > rule.flaggedItemsAbove()) {
                event = Alert.Event.FLAGGED_ITEMS;
            }
            if (event != null) {
                started.add(deliver(rule, Alert.about(event, r)));
            }
        }
        return started;
    }

    /** Sends a test alert through the rule's channel, with the same retries, and records it. */
    public CompletableFuture<AlertBook.Delivery> sendTest(AlertRule rule) {
        return deliver(rule, Alert.test(rule));
    }

    private static boolean isFailure(RunRecord.Status s) {
        return s == RunRecord.Status.FAILED || s == RunRecord.Status.INTERRUPTED;
    }

    /**
     * Whether a scheduled run that ended is news: FAILURE when it failed, RECOVERY when it succeeded after the
     * schedule's previous run had failed; empty otherwise. The same rule the failure and recovery alerts follow,
     * for the app's desktop notifications.
     */
    public static Optional<Alert.Event> change(ScheduleStore store, RunRecord r) {
        if (r.scheduleId() == null || r.status() == RunRecord.Status.RUNNING || r.status() == RunRecord.Status.SKIPPED) {
            return Optional.empty();
        }
        if (isFailure(r.status())) {
            return Optional.of(Alert.Event.FAILURE);
        }
        if (r.status() == RunRecord.Status.SUCCEEDED && previous(store, r).map(p -> isFailure(p.status())).orElse(false)) {
            return Optional.of(Alert.Event.RECOVERY);
        }
        return Optional.empty();
    }

    /** The run of the same schedule that ended before this one (skipped entries do not count). */
    private static Optional<RunRecord> previous(ScheduleStore store, RunRecord r) {
        return store.history(r.scheduleId(), 20).stream()
                .filter(p -> !p.runId().equals(r.runId()))
                .filter(p -> p.status() != RunRecord.Status.SKIPPED && p.status() != RunRecord.Status.RUNNING)
                .filter(p -> !p.startedAt().isAfter(r.startedAt()))
                .findFirst();
    }

    private CompletableFuture<AlertBook.Delivery> deliver(AlertRule rule, Alert alert) {
        CompletableFuture<AlertBook.Delivery> result = new CompletableFuture<>();
        try {
            executor.execute(() -> attempt(rule, alert, 1, result));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.complete(finish(rule, alert, false, 0, "not sent: the service was stopping"));
        }
        return result;
    }

    private void attempt(AlertRule rule, Alert alert, int attempt, CompletableFuture<AlertBook.Delivery> result) {
        try {
            (rule.channel() == AlertRule.Channel.EMAIL ? mail : webhook).send(rule, alert);
            LOG.info("alert {} ({}) for run {} sent by rule {} after {} attempt(s)", alert.event().word(),
                    rule.channel(), alert.runId(), rule.id(), attempt);
            result.complete(finish(rule, alert, true, attempt, "sent"));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (attempt < attempts && !executor.isShutdown()) {
                Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
                LOG.info("alert by rule {}: attempt {} failed ({}); next in {} ms", rule.id(), attempt, why, wait.toMillis());
                try {
                    executor.schedule(() -> attempt(rule, alert, attempt + 1, result), wait.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    why = why + "; the service stopped before the next attempt";
                }
            }
            LOG.warn("alert {} by rule {} for run {} failed after {} attempt(s): {}", alert.event().word(), rule.id(),
                    alert.runId(), attempt, why);
            result.complete(finish(rule, alert, false, attempt, why));
        }
    }

    private AlertBook.Delivery finish(AlertRule rule, Alert alert, boolean sent, int attempt, String detail) {
        AlertBook.Delivery d = new AlertBook.Delivery(UUID.randomUUID().toString(), rule.id(),
                alert.runId().isEmpty() ? null : alert.runId(), alert.event(), sent, attempt, detail, Instant.now());
        try {
            book.record(d);
        } catch (RuntimeException e) {
            LOG.warn("the delivery of alert {} could not be recorded", d.id(), e);
        }
        return d;
    }

    /** Stops taking alerts; deliveries in flight get a few seconds, pending retries are dropped. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
