package dev.flowlens.runtime.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flowlens.runtime.api.ModelUse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The database behind schedules and run history: a pooled connection to the SQLite file (WAL, busy timeout) or
 * to PostgreSQL, migrated by Flyway on open, and the SQL for the {@code schedules} and {@code runs} tables.
 * db-scheduler's own {@code scheduled_tasks} table is created here too but only db-scheduler writes it.
 */
public final class ScheduleStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

    private final StoreLocation location;
    private final HikariDataSource dataSource;

    private ScheduleStore(StoreLocation location, HikariDataSource dataSource) {
        this.location = location;
        this.dataSource = dataSource;
    }

    /** Opens (and creates or migrates) the store; a database that cannot be reached throws with the URL. */
    public static ScheduleStore open(StoreLocation location) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.effectiveUrl());
        config.setPoolName("flowlens-store");
        if (location.isSqlite()) {
            Path db = Path.of(location.effectiveUrl().substring("jdbc:sqlite:".length()));
            try {
                Path parent = db.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data folder for " + db, e);
            }
            // Read by sqlite-jdbc as pragmas on every new connection.
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MS));
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("foreign_keys", "true");
            config.setMaximumPoolSize(4);
        } else {
            config.setMaximumPoolSize(8);
        }
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the schedule store at " + redact(location.effectiveUrl())
                    + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration/common",
                            "classpath:db/migration/" + (location.isSqlite() ? "sqlite" : "postgresql"))
                    .table("flowlens_schema_history")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new IllegalStateException("cannot prepare the schedule store at " + redact(location.effectiveUrl())
                    + ": " + rootMessage(e), e);
        }
        return new ScheduleStore(location, ds);
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The SQL dialect db-scheduler must use here; empty means its own auto-detection (PostgreSQL). */
    java.util.Optional<com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization> jdbcCustomization() {
        return location.isSqlite() ? java.util.Optional.of(new SqliteJdbcCustomization()) : java.util.Optional.empty();
    }

    public StoreLocation location() {
        return location;
    }

    // ---------------------------------------------------------------- schedules

    public void insert(WorkflowSchedule s) {
        update("insert into schedules (id, workflow_path, cron, zone, overrides_json, enabled, missed_policy, "
                        + "overlap_policy, retries, created_at, last_successful_run, run_now_requested) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                s.id(), s.workflowFile().toString(), s.cron(), s.zone().getId(), toJson(s.overrides()),
                s.enabled() ? 1 : 0, s.missedRuns().name(), s.overlap().name(), s.retries(),
                s.createdAt().toEpochMilli(), millis(s.lastSuccessfulRun()));
    }

    public Optional<WorkflowSchedule> schedule(String id) {
        List<WorkflowSchedule> found = query("select * from schedules where id = ?", this::schedule, id);
        return found.stream().findFirst();
    }

    public List<WorkflowSchedule> schedules() {
        return query("select * from schedules order by created_at, id", this::schedule);
    }

    public boolean setEnabled(String id, boolean enabled) {
        return update("update schedules set enabled = ? where id = ?", enabled ? 1 : 0, id) > 0;
    }

    public boolean delete(String id) {
        return update("delete from schedules where id = ?", id) > 0;
    }

    public void setLastSuccessfulRun(String id, Instant at) {
        update("update schedules set last_successful_run = ? where id = ?", at.toEpochMilli(), id);
    }

    public void setRunNowRequested(String id, boolean requested) {
        update("update schedules set run_now_requested = ? where id = ?", requested ? 1 : 0, id);
    }

    /** Clears the flag and says whether it was set, in one statement so two processes cannot both take it. */
    public boolean takeRunNowRequest(String id) {
        return update("update schedules set run_now_requested = 0 where id = ? and run_now_requested = 1", id) > 0;
    }

    private WorkflowSchedule schedule(ResultSet rs) throws SQLException {
        long last = rs.getLong("last_successful_run");
        Instant lastSuccess = rs.wasNull() ? null : Instant.ofEpochMilli(last);
        return new WorkflowSchedule(rs.getString("id"), Path.of(rs.getString("workflow_path")), rs.getString("cron"),
                java.time.ZoneId.of(rs.getString("zone")), fromJson(rs.getString("overrides_json"),
                new TypeReference<LinkedHashMap<String, String>>() { }),
                rs.getInt("enabled") != 0, MissedRunPolicy.valueOf(rs.getString("missed_policy")),
                OverlapPolicy.valueOf(rs.getString("overlap_policy")), rs.getInt("retries"),
                Instant.ofEpochMilli(rs.getLong("created_at")), lastSuccess);
    }

    // ---------------------------------------------------------------- runs

    public void insert(RunRecord r) {
        update("insert into runs (run_id, schedule_id, workflow_path, trigger_kind, note, started_at, finished_at, "
                        + "status, items_ok, items_failed, items_flagged, node_errors_json, output_files_json, retries, owner, "
                        + "heartbeat_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.runId(), r.scheduleId(), r.workflowFile(), r.trigger(), r.note(), r.startedAt().toEpochMilli(),
                millis(r.finishedAt()), r.status().name(), r.itemsOk(), r.itemsFailed(), r.itemsFlagged(), toJson(r.nodeErrors()),
                toJson(r.outputFiles()), r.retries(), r.owner(), Instant.now().toEpochMilli());
    }

    /**
     * Records the start of the run due at {@code due}; false if history already has a run of that schedule for
     * that due time (the unique index decides, so this holds across processes whatever the scheduler does).
     */
    public boolean insertStarted(RunRecord r, Instant due) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into runs (run_id, schedule_id, workflow_path, trigger_kind, note, started_at, finished_at, "
                        + "status, items_ok, items_failed, items_flagged, node_errors_json, output_files_json, retries, owner, "
                        + "heartbeat_at, due_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(ps, r.runId(), r.scheduleId(), r.workflowFile(), r.trigger(), r.note(), r.startedAt().toEpochMilli(),
                    millis(r.finishedAt()), r.status().name(), r.itemsOk(), r.itemsFailed(), r.itemsFlagged(), toJson(r.nodeErrors()),
                    toJson(r.outputFiles()), r.retries(), r.owner(), Instant.now().toEpochMilli(), due.toEpochMilli());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            boolean duplicate = !query("select run_id from runs where schedule_id = ? and due_at = ?", rs -> rs.getString(1),
                    r.scheduleId(), due.toEpochMilli()).isEmpty();
            if (duplicate) {
                return false;
            }
            throw new StoreException("schedule store update failed: " + e.getMessage(), e);
        }
    }

    /** Writes the end of a run (or an attempt's progress) over its RUNNING row. */
    public void update(RunRecord r) {
        update("update runs set note = ?, finished_at = ?, status = ?, items_ok = ?, items_failed = ?, items_flagged = ?, "
                        + "node_errors_json = ?, output_files_json = ?, retries = ?, heartbeat_at = ? where run_id = ?",
                r.note(), millis(r.finishedAt()), r.status().name(), r.itemsOk(), r.itemsFailed(), r.itemsFlagged(),
                toJson(r.nodeErrors()), toJson(r.outputFiles()), r.retries(), Instant.now().toEpochMilli(), r.runId());
    }

    public void heartbeat(List<String> runIds, Instant now) {
        for (String id : runIds) {
            update("update runs set heartbeat_at = ? where run_id = ? and status = 'RUNNING'", now.toEpochMilli(), id);
        }
    }

    public Optional<RunRecord> run(String runId) {
        return query("select * from runs where run_id = ?", this::run, runId).stream().findFirst();
    }

    /** Newest first; all schedules when {@code scheduleId} is null. */
    public List<RunRecord> history(String scheduleId, int limit) {
        if (scheduleId == null) {
            return query("select * from runs order by started_at desc, run_id limit ?", this::run, limit);
        }
        return query("select * from runs where schedule_id = ? order by started_at desc, run_id limit ?", this::run,
                scheduleId, limit);
    }

    /** Runs of one workflow file that started at or after {@code since}, oldest first (for statistics). */
    public List<RunRecord> runsOf(String workflowPath, Instant since) {
        return query("select * from runs where workflow_path = ? and started_at >= ? order by started_at, run_id",
                this::run, workflowPath, since.toEpochMilli());
    }

    /** Scheduled runs that ended after {@code after}, in the order they ended (for notifications of news). */
    public List<RunRecord> scheduledEndedAfter(Instant after) {
        return query("select * from runs where schedule_id is not null and status <> 'RUNNING' and finished_at > ? "
                + "order by finished_at, run_id", this::run, after.toEpochMilli());
    }

    /** Every workflow file history has runs of, in name order. */
    public List<String> workflowPaths() {
        return query("select distinct workflow_path from runs order by workflow_path", rs -> rs.getString(1));
    }

    public List<RunRecord> running() {
        return query("select * from runs where status = 'RUNNING' order by started_at", this::run);
    }

    /** How many runs in history have ended (any status but RUNNING). */
    public long finishedRunCount() {
        return query("select count(*) from runs where status <> 'RUNNING'", rs -> rs.getLong(1)).get(0);
    }

    /** Marks a RUNNING run INTERRUPTED; false if it already ended (another process got there first). */
    public boolean markInterrupted(String runId, String note, Instant at) {
        return update("update runs set status = 'INTERRUPTED', note = ?, finished_at = ? where run_id = ? and status = 'RUNNING'",
                note, at.toEpochMilli(), runId) > 0;
    }

    private RunRecord run(ResultSet rs) throws SQLException {
        long fin = rs.getLong("finished_at");
        Instant finished = rs.wasNull() ? null : Instant.ofEpochMilli(fin);
        return new RunRecord(rs.getString("run_id"), rs.getString("schedule_id"), rs.getString("workflow_path"),
                rs.getString("trigger_kind"), rs.getString("note"), Instant.ofEpochMilli(rs.getLong("started_at")),
                finished, RunRecord.Status.valueOf(rs.getString("status")), rs.getInt("items_ok"),
                rs.getInt("items_failed"), rs.getInt("items_flagged"),
                fromJson(rs.getString("node_errors_json"), new TypeReference<LinkedHashMap<String, String>>() { }),
                fromJson(rs.getString("output_files_json"), new TypeReference<List<String>>() { }),
                rs.getInt("retries"), rs.getString("owner"));
    }

    /** Last heartbeat written for a run, for deciding whether its owner on another machine is gone. */
    public Optional<Instant> runHeartbeat(String runId) {
        return query("select heartbeat_at from runs where run_id = ?", rs -> Instant.ofEpochMilli(rs.getLong(1)), runId)
                .stream().findFirst();
    }

    // ---------------------------------------------------------------- retention

    /**
     * Deletes the history that {@code policy} does not keep (with its audit, output hashes and alert deliveries);
     * runs still RUNNING are never touched. Output files are deleted only when the policy says so.
     */
    public RetentionPolicy.Pruned prune(RetentionPolicy policy, Instant now) {
        if (policy.isOff()) {
            return new RetentionPolicy.Pruned(0, 0);
        }
        java.util.LinkedHashMap<String, RunRecord> doomed = new java.util.LinkedHashMap<>();
        if (policy.keepFor() != null) {
            long cutoff = now.minus(policy.keepFor()).toEpochMilli();
            query("select * from runs where status <> 'RUNNING' and coalesce(finished_at, started_at) < ?", this::run, cutoff)
                    .forEach(r -> doomed.put(r.runId(), r));
        }
        if (policy.keepRuns() != null) {
            for (String workflow : query("select distinct workflow_path from runs", rs -> rs.getString(1))) {
                List<RunRecord> runs = query("select * from runs where workflow_path = ? and status <> 'RUNNING' "
                        + "order by started_at desc, run_id", this::run, workflow);
                runs.stream().skip(policy.keepRuns()).forEach(r -> doomed.put(r.runId(), r));
            }
        }
        int files = 0;
        for (RunRecord r : doomed.values()) {
            if (policy.deleteOutputs()) {
                files += deleteOutputs(r);
            }
            update("delete from run_outputs where run_id = ?", r.runId());
            update("delete from run_models where run_id = ?", r.runId());
            update("delete from run_nodes where run_id = ?", r.runId());
            update("delete from run_audit where run_id = ?", r.runId());
            update("delete from alert_deliveries where run_id = ?", r.runId());
            update("delete from runs where run_id = ? and status <> 'RUNNING'", r.runId());
        }
        return new RetentionPolicy.Pruned(doomed.size(), files);
    }

    /** The run's recorded output files, and their folder when that leaves it empty. */
    private static int deleteOutputs(RunRecord r) {
        int n = 0;
        for (String f : r.outputFiles()) {
            Path p = Path.of(f);
            try {
                if (Files.deleteIfExists(p)) {
                    n++;
                }
                Path parent = p.getParent();
                if (parent != null && Files.isDirectory(parent)) {
                    try (var entries = Files.list(parent)) {
                        if (entries.findAny().isEmpty()) {
                            Files.delete(parent);
                        }
                    }
                }
            } catch (IOException e) {
                // A file we may not delete stays; history of it goes anyway, as asked.
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- audit trail

    /** Writes (or, for a retried run, replaces) the audit of a history entry and its output files. */
    public void saveAudit(RunAudit a) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                exec(c, "delete from run_outputs where run_id = ?", a.runId());
                exec(c, "delete from run_models where run_id = ?", a.runId());
                exec(c, "delete from run_audit where run_id = ?", a.runId());
                exec(c, "insert into run_audit (run_id, engine_run_id, workflow_name, workflow_path, workflow_sha256, "
                                + "format_version, trigger_kind, trigger_detail, overrides_json, device, recorded_at) "
                                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        a.runId(), a.engineRunId(), a.workflowName(), a.workflowPath(), a.workflowSha256(),
                        a.formatVersion(), a.triggerKind(), a.triggerDetail(), toJson(a.overrides()), a.device(),
                        a.recordedAt().toEpochMilli());
                int modelPosition = 0;
                for (Map.Entry<String, ModelUse> m : a.models().entrySet()) {
                    exec(c, "insert into run_models (run_id, node, name, engine, sha256, position) values (?, ?, ?, ?, ?, ?)",
                            a.runId(), m.getKey(), m.getValue().name(), m.getValue().engine(), m.getValue().sha256(),
                            modelPosition++);
                }
                for (RunAudit.OutputFile f : a.outputs()) {
                    exec(c, "insert into run_outputs (run_id, path, sha256, size_bytes) values (?, ?, ?, ?)",
                            a.runId(), f.path(), f.sha256(), f.size());
                }
                exec(c, "delete from run_nodes where run_id = ?", a.runId());
                int position = 0;
                for (RunAudit.NodeOutcome n : a.nodes()) {
                    exec(c, "insert into run_nodes (run_id, position, node_id, state, duration_ms, items, message, "
                                    + "item_errors_json) values (?, ?, ?, ?, ?, ?, ?, ?)", a.runId(), position++, n.node(),
                            n.state(), n.durationMillis(), n.items(), n.message(), toJson(n.itemErrors()));
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("saving the audit of run " + a.runId() + " failed: " + e.getMessage(), e);
        }
    }

    /** The audit of a history entry, found by its history id or by the executor's run id. */
    public Optional<RunAudit> audit(String runId) {
        Optional<RunAudit> found = query("select * from run_audit where run_id = ? or engine_run_id = ?", rs -> {
            String id = rs.getString("run_id");
            return new RunAudit(id, rs.getString("engine_run_id"), rs.getString("workflow_name"),
                    rs.getString("workflow_path"), rs.getString("workflow_sha256"), rs.getInt("format_version"),
                    rs.getString("trigger_kind"), rs.getString("trigger_detail"),
                    fromJson(rs.getString("overrides_json"), new TypeReference<LinkedHashMap<String, String>>() { }),
                    rs.getString("device"), Map.of(), Instant.ofEpochMilli(rs.getLong("recorded_at")), List.of(),
                    List.of());
        }, runId, runId).stream().findFirst();
        return found.map(a -> new RunAudit(a.runId(), a.engineRunId(), a.workflowName(), a.workflowPath(),
                a.workflowSha256(), a.formatVersion(), a.triggerKind(), a.triggerDetail(), a.overrides(), a.device(),
                modelsOf(a.runId()), a.recordedAt(), query("select path, sha256, size_bytes from run_outputs where run_id = ? order by path",
                        rs -> new RunAudit.OutputFile(rs.getString(1), rs.getString(2), rs.getLong(3)), a.runId()),
                query("select * from run_nodes where run_id = ? order by position", rs -> new RunAudit.NodeOutcome(
                        rs.getString("node_id"), rs.getString("state"), rs.getLong("duration_ms"), rs.getInt("items"),
                        rs.getString("message"), fromJson(rs.getString("item_errors_json"),
                        new TypeReference<List<dev.flowlens.runtime.value.ItemError>>() { })), a.runId())));
    }

    /** The models a run's audit names, by node; in the order they were saved (the workflow's). */
    private Map<String, ModelUse> modelsOf(String runId) {
        Map<String, ModelUse> models = new LinkedHashMap<>();
        query("select node, name, engine, sha256 from run_models where run_id = ? order by position", rs -> {
            models.put(rs.getString(1), new ModelUse(rs.getString(2), rs.getString(3), rs.getString(4)));
            return null;
        }, runId);
        return models;
    }

    /**
     * History ids that start with {@code prefix} (ids are long; people type the first characters), also matching
     * the executor's run id, newest first.
     */
    public List<String> runIdsStartingWith(String prefix) {
        String like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return query("select r.run_id from runs r left join run_audit a on a.run_id = r.run_id "
                + "where r.run_id like ? escape '\\' or a.engine_run_id like ? escape '\\' order by r.started_at desc",
                rs -> rs.getString(1), like, like);
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- plumbing


    private <T> List<T> query(String sql, Sql.Row<T> row, Object... args) {
        return Sql.query(dataSource, e -> new StoreException("schedule store query failed: " + e.getMessage(), e), sql, row, args);
    }

    private int update(String sql, Object... args) {
        return Sql.update(dataSource, e -> new StoreException("schedule store update failed: " + e.getMessage(), e), sql, args);
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        Sql.bind(ps, args);
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps and lists of text always serialise", e);
        }
    }

    private static <T> T fromJson(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored JSON column is damaged: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** A database failure, with the statement's purpose in the message. */
    public static final class StoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

}
