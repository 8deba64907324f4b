package dev.flowlens.runtime.scheduler;

import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;

/**
 * db-scheduler's generic SQL with SQLite's row limit: SQLite has no {@code OFFSET 0 ROWS FETCH FIRST n ROWS ONLY}.
 * Picking stays db-scheduler's optimistic "update ... where version = ?", which is what makes two processes on
 * one file safe.
 */
final class SqliteJdbcCustomization extends DefaultJdbcCustomization {
    SqliteJdbcCustomization() {
        super(true);
    }

    @Override
    public String getName() {
        return "SQLite";
    }

    @Override
    public boolean supportsExplicitQueryLimitPart() {
        return true;
    }

    @Override
    public String getQueryLimitPart(int limit) {
        return " LIMIT " + limit;
    }
}
