package vn.lgsp.hub.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects what the hub logs while it is open, for tests that a value never reaches the log.
 * A handler on the root logger of the JBoss LogManager (Quarkus tests run in the test's JVM, so
 * it sees the application's records); {@code debugCategory} is lowered to DEBUG meanwhile so
 * debug output is checked too.
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Logger category;
    private final Level previousLevel;
    private final Handler handler;

    public LogCapture(String debugCategory) {
        Formatter formatter = new SimpleFormatter();
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder line = new StringBuilder(String.valueOf(formatter.formatMessage(record)));
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    line.append(" | ").append(t);
                }
                lines.add(line.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        category = Logger.getLogger(debugCategory);
        previousLevel = category.getLevel();
        category.setLevel(Level.FINE);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        category.setLevel(previousLevel);
        root.removeHandler(handler);
    }
}
