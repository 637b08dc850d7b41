package vn.lgsp.hub.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectionTableTest {

    private static ConnectionRow row(String id, String nameVi) {
        return new ConnectionRow(id, "provincial", nameVi, nameVi, "", "", "listed", null, "connected", null);
    }

    @Test
    void sortsVietnameseNamesInVietnameseAlphabeticalOrder() {
        List<ConnectionRow> rows = List.of(row("P01", "Đất đai"), row("P02", "Giáo dục"), row("P03", "Dân cư"), row("P04", "an sinh"),
                row("P05", "Ăn uống"), row("P06", "Zalo"), row("P07", "Âm nhạc"), row("P08", "Bảo hiểm"));
        List<String> sorted = ConnectionTable.of(rows, null, null, "name", "asc", false).rows().stream().map(ConnectionRow::nameVi).toList();
        // a, ă, â, b, ..., d, đ, ..., g, ..., z; case does not decide (code-point order would put Ă, Â, Đ after Z)
        assertEquals(List.of("an sinh", "Ăn uống", "Âm nhạc", "Bảo hiểm", "Dân cư", "Đất đai", "Giáo dục", "Zalo"), sorted);
        List<String> reversed = ConnectionTable.of(rows, null, null, "name", "desc", false).rows().stream().map(ConnectionRow::nameVi).toList();
        List<String> expected = new java.util.ArrayList<>(sorted);
        java.util.Collections.reverse(expected);
        assertEquals(expected, reversed);
    }
}
