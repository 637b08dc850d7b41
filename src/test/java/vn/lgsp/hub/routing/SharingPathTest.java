package vn.lgsp.hub.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SharingPathTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "/records/{id}, /records/42, true",
            "/records/{id}, /records/42/, true",
            "/records/{id}, /records/, false",
            "/records/{id}, /records, false",
            "/records/{id}, /records/42/more, false",
            "/records/{id}, /other/42, false",
            "/records/*/files, /records/7/files, true",
            "/records/**, /records, true",
            "/records/**, /records/a/b/c, true",
            "/**, /, true",
            "/, /, true",
            "/, /x, false",
            "/a/b, /a/bc, false",
            "/a/bc, /a/b, false",
    })
    void matchesRegisteredPatterns(String pattern, String path, boolean expected) {
        assertEquals(expected, SharingPath.matches(pattern, path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a/../b", "/..", "/a/./b", "/a//b", "/a%2e%2e/b", "/a%2Fb", "/a%5Cb", "/a%00", "/a%252e", "/a\\b", "a/b"})
    void refusesTraversal(String path) {
        assertThrows(ProblemException.class, () -> SharingPath.check(path));
    }

    @ParameterizedTest
    @CsvSource({"abc, true", "a-b-c9, true", "a, true", "-a, false", "a-, false", "a--b, false", "Ab, false", "9a, false", "a_b, false", "'', false"})
    void slugsWithoutRegexAgreeWithTheRegex(String value, boolean expected) {
        assertEquals(expected, FieldChecks.isSlug(value));
        assertEquals(expected, !value.isEmpty() && FieldChecks.SLUG.matcher(value).matches());
    }
}
