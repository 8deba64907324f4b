package dev.flowlens.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's schedule facade over the real SQLite store: cron checks as typed, add, list, disable, replace, history. */
class SchedulesTest {
    @TempDir
    Path temp;

    private Path workflow() throws Exception {
        Path file = temp.resolve("wf.json");
        Files.writeString(file, "{\"formatVersion\":1,\"id\":\"w\",\"name\":\"W\",\"nodes\":[],\"edges\":[]}");
        return file;
    }

    @Test
    void aBadCronSaysWhichFieldAndAGoodOneGivesFiveFireTimesInWords() {
        try (Schedules s = Schedules.open(temp.resolve("data"))) {
            Schedules.CronCheck bad = s.check("0 25 * * *", "UTC", 5);
            assertThat(bad.valid()).isFalse();
            assertThat(bad.error()).contains("hour field \"25\" at position 3");
            assertThat(bad.errorPosition()).isEqualTo(3);

            Schedules.CronCheck good = s.check("0 * * * *", "Europe/Berlin", 5);
            assertThat(good.valid()).isTrue();
            assertThat(good.inWords()).contains("every hour").contains("Europe/Berlin");
            assertThat(good.next()).hasSize(5).allSatisfy(t -> assertThat(t.getMinute()).isZero());

            assertThat(s.check("0 * * * *", "Mars/Olympus", 5).error()).contains("time zone \"Mars/Olympus\" is not known");
        }
    }

    @Test
    void schedulesAreAddedListedDisabledAndReplaced() throws Exception {
        Path wf = workflow();
        try (Schedules s = Schedules.open(temp.resolve("data"))) {
            Schedules.Schedule added = s.add(new Schedules.ScheduleRequest(wf, "0 * * * *", "UTC",
                    Schedules.MissedRuns.RUN_ONCE, Schedules.Overlap.SKIP, true));
            assertThat(s.list()).extracting(Schedules.Schedule::id).containsExactly(added.id());
            assertThat(added.nextFire()).isPresent();
            assertThat(added.cronInWords()).contains("every hour");

            assertThat(s.setEnabled(added.id(), false).enabled()).isFalse();
            Schedules.Schedule edited = s.replace(added.id(), new Schedules.ScheduleRequest(wf, "30 2 * * *", "UTC",
                    Schedules.MissedRuns.SKIP, Schedules.Overlap.QUEUE, true));
            assertThat(s.list()).extracting(Schedules.Schedule::cron).containsExactly("30 2 * * *");
            assertThat(edited.overlap()).isEqualTo(Schedules.Overlap.QUEUE);
            assertThat(s.history(null, 10)).isEmpty();
            assertThatThrownBy(() -> s.add(new Schedules.ScheduleRequest(wf, "bad", "UTC",
                    Schedules.MissedRuns.RUN_ONCE, Schedules.Overlap.SKIP, true)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 5 fields");
        }
    }
}
