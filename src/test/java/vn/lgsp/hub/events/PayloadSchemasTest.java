package vn.lgsp.hub.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.problem.FieldError;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadSchemasTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text);
    }

    @Test
    void namesEachOffendingFieldUnderData() throws Exception {
        JsonNode schema = mapper.valueToTree(EventsFixture.schema());
        var compiled = PayloadSchemas.compile(schema);
        assertEquals(List.of(), PayloadSchemas.validate(compiled, json("{\"soDinhDanh\":\"089012345678\",\"hoTen\":\"A\"}")));
        List<String> fields = PayloadSchemas.validate(compiled, json("{\"soDinhDanh\":\"12\",\"namSinh\":\"x\",\"extra\":1}"))
                .stream().map(FieldError::field).toList();
        assertEquals(List.of("data.extra", "data.hoTen", "data.namSinh", "data.soDinhDanh"), fields);
    }

    @Test
    void refusesSchemasThatReferOutsideThemselvesOrCannotBeUsed() throws Exception {
        assertEquals("schema.properties.a.$ref", PayloadSchemas.check(json("{\"properties\":{\"a\":{\"$ref\":\"https://evil.example/s.json\"}}}"))
                .get(0).field());
        assertEquals(List.of(), PayloadSchemas.check(json("{\"$defs\":{\"n\":{\"type\":\"string\"}},\"properties\":{\"a\":{\"$ref\":\"#/$defs/n\"}}}")));
        assertTrue(PayloadSchemas.check(json("{\"$schema\":\"http://example.org/my-dialect\"}")).stream()
                .anyMatch(e -> e.code().equals("unsupported-dialect")));
    }
}
