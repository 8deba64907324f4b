package dev.flowlens.runtime.scheduler;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The plain JDBC the stores of the data folder's database share (schedules, run history, alerts): one
 * pooled connection per statement, arguments bound by their Java type, and an SQL failure turned into the
 * calling store's own exception.
 */
public final class Sql {
    private Sql() {
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    public static <T> List<T> query(DataSource db, Function<SQLException, RuntimeException> failure, String sql, Row<T> row,
                                    Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure.apply(e);
        }
    }

    public static int update(DataSource db, Function<SQLException, RuntimeException> failure, String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure.apply(e);
        }
    }

    /** Binds Long, Integer and null as such and everything else as text. */
    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.NULL); // untyped: PostgreSQL takes it for text and bigint columns alike
            } else if (a instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, a.toString());
            }
        }
    }
}
