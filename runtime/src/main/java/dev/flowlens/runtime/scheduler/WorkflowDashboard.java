package dev.flowlens.runtime.scheduler;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A workflow's numbers over the last days, from run history: runs and failures per day, the failure rate, and the
 * median and 95th-percentile time per item. For the app's per-workflow dashboard and the API; computed on demand
 * with one query.
 *
 * @param perDay             every day of the window, oldest first, zero days included
 * @param finishedRuns       runs that ended (succeeded, failed, cancelled or interrupted; skipped ones do not count)
 * @param failureRate        failed or interrupted runs / finished runs; 0 when none finished
 * @param medianMillisPerItem over finished runs that handled items: run duration / items; empty when there were none
 */
public record WorkflowDashboard(String workflowPath, int days, ZoneId zone, List<Day> perDay, int finishedRuns,
                                int failedRuns, double failureRate, Optional<Double> medianMillisPerItem,
                                Optional<Double> p95MillisPerItem, long itemsOk, long itemsFailed) {

    /** One calendar day in the dashboard's zone. */
    public record Day(LocalDate date, int runs, int failed) {
    }

    public WorkflowDashboard {
        perDay = List.copyOf(perDay);
    }

    /** The last {@code days} calendar days up to {@code now} (today included) in {@code zone}. */
    public static WorkflowDashboard of(ScheduleStore store, String workflowPath, int days, ZoneId zone, Instant now) {
        Objects.requireNonNull(workflowPath, "workflowPath");
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days must be between 1 and 366, got " + days);
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, int[]> counts = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            counts.put(d, new int[2]);
        }
        int finished = 0;
        int failed = 0;
        long ok = 0;
        long bad = 0;
        List<Double> perItem = new ArrayList<>();
        for (RunRecord r : store.runsOf(workflowPath, first.atStartOfDay(zone).toInstant())) {
            if (r.status() == RunRecord.Status.SKIPPED || r.status() == RunRecord.Status.RUNNING || r.startedAt().isAfter(now)) {
                continue;
            }
            boolean f = r.status() == RunRecord.Status.FAILED || r.status() == RunRecord.Status.INTERRUPTED;
            int[] c = counts.get(r.startedAt().atZone(zone).toLocalDate());
            if (c != null) {
                c[0]++;
                c[1] += f ? 1 : 0;
            }
            finished++;
            failed += f ? 1 : 0;
            ok += r.itemsOk();
            bad += r.itemsFailed();
            int items = r.itemsOk() + r.itemsFailed();
            if (items > 0 && r.duration().isPresent()) {
                perItem.add(r.duration().get().toMillis() / (double) items);
            }
        }
        List<Day> perDay = new ArrayList<>();
        counts.forEach((d, c) -> perDay.add(new Day(d, c[0], c[1])));
        perItem.sort(Double::compare);
        return new WorkflowDashboard(workflowPath, days, zone, perDay, finished, failed,
                finished == 0 ? 0 : failed / (double) finished, percentile(perItem, 50), percentile(perItem, 95), ok, bad);
    }

    /** Nearest-rank percentile of sorted values. */
    static Optional<Double> percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return Optional.of(sorted.get(Math.max(0, rank - 1)));
    }
}
