package vn.lgsp.hub.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TransactionEventJsonTest {

    /** As the hub's ObjectMapper writes (quarkus.jackson.write-dates-as-timestamps=false). */
    private static final ObjectMapper BOUND = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void writesTheBytesDataBindingWroteForEveryKindOfField() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            LedgerEntry entry = new LedgerEntry(text(random), maybe(random, text(random)), instant(random), text(random), text(random),
                    text(random), maybe(random, "v" + i), maybe(random, "rest"), "GET", maybe(random, "/records/{id}"),
                    maybe(random, instant(random)), maybe(random, instant(random)), random.nextLong(), random.nextInt(1 << 30),
                    Long.MAX_VALUE - i, 100 + random.nextInt(500), random.nextBoolean(), maybe(random, "provider-timeout"),
                    maybe(random, "lỗi \"nhà cung cấp\"\n\t\u0001 \\ </script> 💥"), maybe(random, "ab".repeat(32)),
                    "hub-" + i, maybe(random, "wso2+lgsp-token"));
            LedgerWriter.TransactionEvent event = new LedgerWriter.TransactionEvent("1.0", "c/" + i + "/2026-12-04", "urn:lgsp-hub:a",
                    "transaction.recorded", entry.providerCode(), "2026-12-04T10:00:00.123456Z", "application/json", entry);
            assertEquals(BOUND.writeValueAsString(event), TransactionEventJson.write(event), "entry " + i);
        }
    }

    private static <T> T maybe(Random random, T value) {
        return random.nextInt(4) == 0 ? null : value;
    }

    private static Instant instant(Random random) {
        // Whole seconds, milliseconds, microseconds and nanoseconds all print differently.
        long nanos = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000L;
            case 2 -> random.nextInt(1_000_000) * 1_000L;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), nanos);
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
            text.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 0x20 + random.nextInt(0x2000)));
        }
        return text.toString();
    }
}
