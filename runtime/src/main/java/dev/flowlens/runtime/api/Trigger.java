package dev.flowlens.runtime.api;

import java.util.Objects;

/** Who or what started a run: kept in history and the audit trail. */
public record Trigger(Kind kind, String detail) {
    public enum Kind { MANUAL, CLI, SCHEDULE, API }

    public Trigger {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }

    public static Trigger manual(String user) {
        return new Trigger(Kind.MANUAL, user);
    }

    public static Trigger cli() {
        return new Trigger(Kind.CLI, System.getProperty("user.name", ""));
    }

    public static Trigger schedule(String scheduleId) {
        return new Trigger(Kind.SCHEDULE, scheduleId);
    }

    public static Trigger api(String client) {
        return new Trigger(Kind.API, client);
    }
}
