package vn.lgsp.hub.ledger;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RollupSourceTest {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void wholeDaysComeFromTheDailyRollups() {
        RollupSource source = RollupSource.of(Instant.parse("2026-10-31T17:00:00Z"), Instant.parse("2026-11-30T17:00:00Z"), VIETNAM, false);
        assertEquals(LocalDate.parse("2026-11-01"), source.firstDay());
        assertEquals(LocalDate.parse("2026-12-01"), source.endDay());
        assertEquals(source.from(), source.daysFrom(), "no partial day before");
        assertEquals(source.to(), source.daysTo(), "no partial day after");
    }

    @Test
    void partialDaysAtTheEdgesComeFromTheHourlyRollups() {
        RollupSource source = RollupSource.of(Instant.parse("2026-11-01T05:00:00Z"), Instant.parse("2026-11-04T02:00:00Z"), VIETNAM, false);
        assertEquals(LocalDate.parse("2026-11-02"), source.firstDay());
        assertEquals(Instant.parse("2026-11-01T17:00:00Z"), source.daysFrom());
        assertEquals(LocalDate.parse("2026-11-04"), source.endDay());
        assertEquals(Instant.parse("2026-11-03T17:00:00Z"), source.daysTo());
    }

    @Test
    void aPeriodWithinOneDayOrAskedByTheHourReadsOnlyHours() {
        RollupSource shortOne = RollupSource.of(Instant.parse("2026-11-01T05:00:00Z"), Instant.parse("2026-11-01T09:00:00Z"), VIETNAM, false);
        assertEquals(shortOne.firstDay(), shortOne.endDay(), "no daily rows");
        assertEquals(shortOne.to(), shortOne.daysFrom(), "all hours in the first hourly range");
        RollupSource hourly = RollupSource.of(Instant.parse("2026-10-31T17:00:00Z"), Instant.parse("2026-11-30T17:00:00Z"), VIETNAM, true);
        assertEquals(hourly.firstDay(), hourly.endDay(), "no daily rows");
        assertEquals(hourly.to(), hourly.daysFrom());
    }
}
