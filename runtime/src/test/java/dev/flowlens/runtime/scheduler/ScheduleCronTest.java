package dev.flowlens.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleCronTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void hourlyCronIsDescribedAndGivesTheNextFiveTopsOfTheHourInItsZone() {
        CronExpression cron = CronExpression.parse("0 * * * *", BERLIN);
        assertThat(cron.describe()).isEqualTo("every hour (Europe/Berlin)");
        Instant from = ZonedDateTime.of(2026, 3, 29, 0, 30, 0, 0, BERLIN).toInstant();
        List<String> next = cron.nextTimes(from, 5).stream().map(ZonedDateTime::toString).toList();
        // 29 March 2026 is the spring-forward night in Berlin: 02:00 does not exist, 03:00 is CEST.
        assertThat(next).containsExactly(
                "2026-03-29T01:00+01:00[Europe/Berlin]",
                "2026-03-29T03:00+02:00[Europe/Berlin]",
                "2026-03-29T04:00+02:00[Europe/Berlin]",
                "2026-03-29T05:00+02:00[Europe/Berlin]",
                "2026-03-29T06:00+02:00[Europe/Berlin]");
    }

    @Test
    void shortcutsMeanTheUsualExpressions() {
        Instant from = ZonedDateTime.of(2026, 11, 22, 10, 15, 0, 0, ZoneId.of("UTC")).toInstant();
        assertThat(CronExpression.parse("@hourly", ZoneId.of("UTC")).next(from)).isEqualTo("2026-11-22T11:00:00Z");
        assertThat(CronExpression.parse("@daily", ZoneId.of("UTC")).next(from)).isEqualTo("2026-11-23T00:00:00Z");
        assertThat(CronExpression.parse("@weekly", ZoneId.of("UTC")).next(from)).isEqualTo("2026-11-29T00:00:00Z");
        assertThat(CronExpression.parse("@monthly", ZoneId.of("UTC")).next(from)).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(CronExpression.parse("@yearly", ZoneId.of("UTC")).next(from)).isEqualTo("2027-01-01T00:00:00Z");
    }

    @Test
    void aBadFieldIsNamedWithItsPosition() {
        assertThatThrownBy(() -> CronExpression.parse("0 25 * * *", BERLIN))
                .isInstanceOf(CronFormatException.class)
                .hasMessage("cron \"0 25 * * *\": hour field \"25\" at position 3: value 25 not in range [0, 23]")
                .extracting(e -> ((CronFormatException) e).position()).isEqualTo(3);
        assertThatThrownBy(() -> CronExpression.parse("*/5 * * * MON-FRX", BERLIN))
                .hasMessageStartingWith("cron \"*/5 * * * MON-FRX\": day-of-week field \"MON-FRX\" at position 11: ");
        assertThatThrownBy(() -> CronExpression.parse("0 * * *", BERLIN))
                .hasMessage("cron \"0 * * *\": expected 5 fields (minute hour day-of-month month day-of-week), got 4");
        assertThatThrownBy(() -> CronExpression.parse("@fortnightly", BERLIN))
                .hasMessageContaining("unknown shortcut at position 1");
    }

    @Test
    void anUnknownZoneSaysWhatIsExpected() {
        assertThatThrownBy(() -> CronExpression.zone("Mars/Olympus"))
                .hasMessageContaining("time zone \"Mars/Olympus\" is not known");
    }
}
