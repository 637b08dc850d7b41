package vn.lgsp.hub.console;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConsoleDatesTest {

    @Test
    void daysAreTypedDayFirstOrInIsoAndNothingElsePasses() {
        assertEquals(LocalDate.of(2026, 12, 5), ConsoleDates.parse("05/12/2026"), "the fifth of December, not the twelfth of May");
        assertEquals(LocalDate.of(2026, 12, 5), ConsoleDates.parse(" 5/12/2026 "));
        assertEquals(LocalDate.of(2026, 12, 5), ConsoleDates.parse("2026-12-05"));
        assertNull(ConsoleDates.parse("  "));
        assertThrows(DateTimeParseException.class, () -> ConsoleDates.parse("31/02/2026"));
        assertThrows(DateTimeParseException.class, () -> ConsoleDates.parse("12/31/2026"), "month first is not a day here");
        assertEquals("2026-12-05", ConsoleDates.iso("05/12/2026"));
        assertEquals("hôm qua", ConsoleDates.iso("hôm qua"), "left for the API to name");
    }
}
