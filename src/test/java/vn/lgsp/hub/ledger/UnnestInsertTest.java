package vn.lgsp.hub.ledger;

import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class UnnestInsertTest {

    private record Row(String name, long size) {
    }

    private final UnnestInsert<Row> insert = new UnnestInsert<Row>("t")
            .column("name", "text", String[]::new, Row::name)
            .column("size", "bigint", Long[]::new, Row::size);

    @Test
    void oneTypedArrayParameterPerColumn() {
        assertEquals("INSERT INTO t (name, size) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING",
                insert.sql("ON CONFLICT DO NOTHING"));
        Tuple values = insert.values(List.of(new Row("a", 1), new Row("b", 2)));
        assertEquals(2, values.size());
        // Typed arrays, so the client encodes text[] and int8[] rather than guessing from Object[].
        assertArrayEquals(new String[] {"a", "b"}, assertInstanceOf(String[].class, values.getValue(0)));
        assertArrayEquals(new Long[] {1L, 2L}, assertInstanceOf(Long[].class, values.getValue(1)));
    }
}
