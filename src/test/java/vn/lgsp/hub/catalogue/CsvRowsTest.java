package vn.lgsp.hub.catalogue;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvRowsTest {

    @Test
    void readsQuotedFieldsWithCommasQuotesAndNewlines() {
        List<List<String>> rows = CsvRows.parse("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",\n");
        assertEquals(List.of(List.of("a", "b"), List.of("x, y", "say \"hi\""), List.of("multi\nline", "")), rows);
    }

    @Test
    void lastLineWithoutNewlineCounts() {
        assertEquals(List.of(List.of("1", "2")), CsvRows.parse("1,2"));
    }

    @Test
    void unterminatedQuoteIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> CsvRows.parse("\"open,1\n"));
    }

    @Test
    void theShippedCatalogueHasThirtySixWellFormedRows() {
        assertEquals(36, CatalogueLoader.read().size());
    }
}
