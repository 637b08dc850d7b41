package vn.lgsp.hub.ledger;

import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A multi-row insert of a batch as one statement with one array parameter per column
 * ({@code INSERT ... SELECT * FROM unnest($1::text[], ...)}): the statement text stays the same
 * whatever the batch size, so PostgreSQL plans it once, and the batch costs one round trip.
 * Declared once per table; {@link #values} is then called per batch, from any thread.
 *
 * @param <T> the record one row is made of
 */
final class UnnestInsert<T> {

    private record Column<T>(String name, String type, IntFunction<Object[]> array, Function<T, Object> value) {
    }

    private final String table;
    private final List<Column<T>> columns = new ArrayList<>();

    UnnestInsert(String table) {
        this.table = table;
    }

    /** Adds a column of SQL {@code type} whose value in each row is {@code value} of the record. */
    @SuppressWarnings("unchecked")
    <V> UnnestInsert<T> column(String name, String type, IntFunction<V[]> array, Function<T, V> value) {
        columns.add(new Column<>(name, type, (IntFunction<Object[]>) (IntFunction<?>) array, (Function<T, Object>) value));
        return this;
    }

    /** The statement, followed by {@code tail} (e.g. {@code ON CONFLICT DO NOTHING}). */
    String sql(String tail) {
        StringBuilder names = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String sep = i == 0 ? "" : ", ";
            names.append(sep).append(columns.get(i).name());
            arrays.append(sep).append('$').append(i + 1).append("::").append(columns.get(i).type()).append("[]");
        }
        return "INSERT INTO " + table + " (" + names + ") SELECT * FROM unnest(" + arrays + ") " + tail;
    }

    /** The statement's parameters for {@code batch}: one array per column, in row order. */
    Tuple values(List<T> batch) {
        Tuple tuple = Tuple.tuple();
        for (Column<T> column : columns) {
            Object[] values = column.array().apply(batch.size());
            for (int i = 0; i < values.length; i++) {
                values[i] = column.value().apply(batch.get(i));
            }
            tuple.addValue(values);
        }
        return tuple;
    }
}
