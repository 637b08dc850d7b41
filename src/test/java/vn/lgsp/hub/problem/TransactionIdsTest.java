package vn.lgsp.hub.problem;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionIdsTest {

    @Test
    void mintsUniqueVersion7Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = TransactionIds.mint();
            UUID uuid = UUID.fromString(id);
            assertEquals(7, uuid.version());
            assertEquals(2, uuid.variant());
            assertTrue(seen.add(id));
        }
    }

    @Test
    void mintedIdsSortByTime() {
        String earlier = TransactionIds.mint();
        long start = System.currentTimeMillis();
        String later;
        do {
            later = TransactionIds.mint();
        } while (System.currentTimeMillis() == start);
        assertTrue(earlier.substring(0, 13).compareTo(later.substring(0, 13)) <= 0);
    }

    @Test
    void acceptsOnlySafeIncomingIds() {
        assertTrue(TransactionIds.isValid("caller-tx-0001"));
        assertTrue(TransactionIds.isValid(UUID.randomUUID().toString()));
        assertFalse(TransactionIds.isValid("short"));
        assertFalse(TransactionIds.isValid("has space in it"));
        assertFalse(TransactionIds.isValid("crlf\r\ninjected"));
        assertFalse(TransactionIds.isValid("x".repeat(65)));
        assertFalse(TransactionIds.isValid(null));
    }
}
