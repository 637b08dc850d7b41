package vn.lgsp.hub.console;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.lgsp.hub.ledger.ReportConfig;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The overview's live numbers. Per-minute counts come from the ledger's detail (the durable record
 * of every answered call, indexed by day and time), the figures from {@link OverviewFigures}, both
 * read for the same snapshot, which the page is rendered from too. One snapshot serves every open console: the snapshot is memoized for one refresh interval, so ten
 * operators watching cost the same as one.
 */
@ApplicationScoped
public class LiveVolume {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private final Pool pool;
    private final OverviewFigures figures;
    private final ReportConfig reports;
    private final ConsoleConfig config;
    private final Uni<LiveSnapshot> shared;

    @Inject
    public LiveVolume(Pool pool, ReportConfig reports, ConsoleConfig config, OverviewFigures figures) {
        this.pool = pool;
        this.figures = figures;
        this.reports = reports;
        this.config = config;
        this.shared = Uni.createFrom().deferred(this::query).memoize().atLeast(config.liveInterval().dividedBy(2));
    }

    /** A snapshot at once, then one per refresh interval, for as long as the browser listens. */
    public Multi<LiveSnapshot> feed() {
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(config.liveInterval())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> shared);
    }

    public Uni<LiveSnapshot> snapshot() {
        return shared;
    }

    private Uni<LiveSnapshot> query() {
        Instant now = Instant.now();
        int minutes = Math.max(2, config.liveMinutes());
        Instant start = now.truncatedTo(ChronoUnit.MINUTES).minus(minutes - 1L, ChronoUnit.MINUTES);
        Uni<Map<Instant, Long>> perMinute = pool.preparedQuery("SELECT date_trunc('minute', received_at) AS minute, count(*) AS n "
                        + "FROM ledger_entry WHERE received_day >= $1 AND received_at >= $2 GROUP BY 1")
                .execute(Tuple.of(LocalDate.ofInstant(start, ZoneOffset.UTC), start.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<Instant, Long> counts = new HashMap<>();
                    for (Row row : rows) {
                        counts.put(row.getOffsetDateTime("minute").toInstant(), row.getLong("n"));
                    }
                    return counts;
                });
        return Uni.combine().all().unis(perMinute, figures.overview()).asTuple().map(t -> {
            List<String> labels = new ArrayList<>(minutes);
            List<Long> counts = new ArrayList<>(minutes);
            long sum = 0;
            for (int i = 0; i < minutes; i++) {
                Instant minute = start.plus(i, ChronoUnit.MINUTES);
                long n = t.getItem1().getOrDefault(minute, 0L);
                labels.add(ZonedDateTime.ofInstant(minute, reports.timeZone()).format(MINUTE));
                counts.add(n);
                sum += n;
            }
            return new LiveSnapshot(now.toString(), labels, counts, sum, counts.get(minutes - 2), t.getItem2());
        });
    }
}
