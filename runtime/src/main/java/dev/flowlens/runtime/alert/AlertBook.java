package dev.flowlens.runtime.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.runtime.scheduler.ScheduleStore;
import dev.flowlens.runtime.scheduler.Sql;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Alert rules and the record of their deliveries, in the schedule store's database (tables of migration V4). */
public final class AlertBook {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource db;

    public AlertBook(ScheduleStore store) {
        this.db = store.dataSource();
    }

    /** What happened to one alert: sent, or failed and why, after how many attempts. */
    public record Delivery(String id, String ruleId, String runId, Alert.Event event, boolean sent, int attempts,
                           String detail, Instant at) {
        public Delivery {
            at = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as stored, so a record reads back equal
        }
    }

    public AlertRule add(AlertRule rule) {
        update("insert into alert_rules (id, schedule_id, on_failure, on_recovery, failed_items_above, "
                        + "flagged_items_above, channel, target, template, smtp_json, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rule.id(), rule.scheduleId(), rule.onFailure() ? 1 : 0, rule.onRecovery() ? 1 : 0,
                rule.failedItemsAbove(), rule.flaggedItemsAbove(), rule.channel().name(), rule.target(), rule.template().name(),
                smtpJson(rule.smtp()), rule.createdAt().toEpochMilli());
        return rule;
    }

    /** A fresh rule id: short enough to type. */
    public static String newId() {
        return "alert-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public List<AlertRule> rules() {
        return query("select * from alert_rules order by created_at, id", this::rule);
    }

    public Optional<AlertRule> rule(String id) {
        return query("select * from alert_rules where id = ?", this::rule, id).stream().findFirst();
    }

    /** The rules that apply to a schedule's runs: its own and the defaults for all. */
    public List<AlertRule> rulesFor(String scheduleId) {
        return query("select * from alert_rules where schedule_id is null or schedule_id = ? order by created_at, id",
                this::rule, scheduleId);
    }

    public boolean remove(String id) {
        return update("delete from alert_rules where id = ?", id) > 0;
    }

    public void record(Delivery d) {
        update("insert into alert_deliveries (id, rule_id, run_id, event, status, attempts, detail, at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)", d.id(), d.ruleId(), d.runId(), d.event().word(),
                d.sent() ? "sent" : "failed", d.attempts(), d.detail(), d.at().toEpochMilli());
    }

    /** Deliveries about one run (or, with null, the newest ones of all), newest first. */
    public List<Delivery> deliveries(String runId, int limit) {
        String where = runId == null ? "" : "where run_id = ? ";
        Object[] args = runId == null ? new Object[] {limit} : new Object[] {runId, limit};
        return query("select * from alert_deliveries " + where + "order by at desc, id limit ?", rs -> new Delivery(
                rs.getString("id"), rs.getString("rule_id"), rs.getString("run_id"),
                Alert.Event.valueOf(rs.getString("event").toUpperCase(Locale.ROOT).replace('-', '_')),
                "sent".equals(rs.getString("status")), rs.getInt("attempts"), rs.getString("detail"),
                Instant.ofEpochMilli(rs.getLong("at"))), args);
    }

    private AlertRule rule(ResultSet rs) throws SQLException {
        return new AlertRule(rs.getString("id"), rs.getString("schedule_id"), rs.getInt("on_failure") != 0,
                rs.getInt("on_recovery") != 0, nullableInt(rs, "failed_items_above"),
                nullableInt(rs, "flagged_items_above"), AlertRule.Channel.valueOf(rs.getString("channel")),
                rs.getString("target"), WebhookTemplate.valueOf(rs.getString("template")), smtp(rs.getString("smtp_json")),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static String smtpJson(SmtpSettings s) {
        ObjectNode o = JSON.createObjectNode();
        if (s != null) {
            o.put("host", s.host());
            o.put("port", s.port());
            o.put("security", s.security().name());
            o.put("user", s.user());
            o.put("password", s.password() == null ? null : s.password().toString());
            o.put("from", s.from());
        }
        return o.toString();
    }

    private static SmtpSettings smtp(String json) throws SQLException {
        try {
            JsonNode o = JSON.readTree(json);
            if (!o.has("host")) {
                return null;
            }
            JsonNode pw = o.get("password");
            return new SmtpSettings(o.get("host").asText(), o.get("port").asInt(),
                    SmtpSettings.Security.valueOf(o.get("security").asText()), o.get("user").asText(),
                    pw == null || pw.isNull() ? null : SecretRef.parse(pw.asText()), o.get("from").asText());
        } catch (IOException e) {
            throw new SQLException("damaged SMTP settings in alert_rules: " + e.getMessage(), e);
        }
    }


    private <T> List<T> query(String sql, Sql.Row<T> row, Object... args) {
        return Sql.query(db, e -> new IllegalStateException("alert store query failed: " + e.getMessage(), e), sql, row, args);
    }

    private int update(String sql, Object... args) {
        return Sql.update(db, e -> new IllegalStateException("alert store update failed: " + e.getMessage(), e), sql, args);
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        Sql.bind(ps, args);
    }
}
