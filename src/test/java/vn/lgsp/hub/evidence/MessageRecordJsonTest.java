package vn.lgsp.hub.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MessageRecordJsonTest {

    @Test
    void writesTheBytesDataBindingWroteSoOldAndNewRecordsVerifyAlike() throws Exception {
        ObjectMapper bound = new ObjectMapper();
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            LoggedTransaction t = new LoggedTransaction(text(random), maybe(random, text(random)), "2026-12-04T10:00:00.123456Z",
                    maybe(random, "2026-12-04T10:00:00.2Z"), "sharing", text(random), text(random), text(random), maybe(random, "v1"),
                    maybe(random, "/ho-so/{id}"), "POST", maybe(random, "wso2+lgsp-token"), 100 + random.nextInt(500),
                    maybe(random, "lỗi \"x\"\n\u0002 \\ 💥"), random.nextBoolean(), random.nextInt(1 << 30), Long.MAX_VALUE - i,
                    maybe(random, "ab".repeat(32)), maybe(random, "cd".repeat(32)), maybe(random, "ef".repeat(32)), maybe(random, "01".repeat(32)));
            MessageRecord record = new MessageRecord(MessageRecord.FORMAT, "hub-" + text(random), random.nextLong() & Long.MAX_VALUE, t);
            assertEquals(bound.writeValueAsString(record), MessageRecordJson.write(record), "record " + i);
        }
    }

    private static <T> T maybe(Random random, T value) {
        return random.nextInt(4) == 0 ? null : value;
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
            text.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 0x20 + random.nextInt(0x2000)));
        }
        return text.toString();
    }
}
