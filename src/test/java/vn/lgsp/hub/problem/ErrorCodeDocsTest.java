package vn.lgsp.hub.problem;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A code a client may receive must be documented, with its status. */
class ErrorCodeDocsTest {

    @Test
    void everyErrorCodeIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("docs/errors.md"));
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(docs.contains("| `" + code.code() + "` | " + code.status() + " |"), code.code() + " is not in docs/errors.md");
        }
    }
}
