package vn.lgsp.hub.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.FieldChecks;
import vn.lgsp.hub.problem.ProblemException;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The transaction search of the ledger's detail, shared by the API ({@code GET
 * /api/v1/transactions}) and the operator console so both answer the same query the same way.
 * Invalid criteria fail with {@code invalid-parameter} problems naming the parameter.
 */
@ApplicationScoped
public class TransactionSearch {

    /** Columns of a transaction, in the order of the CSV export. */
    public static final List<String> COLUMNS = List.of("transactionId", "correlationId", "receivedAt", "consumer", "provider", "service",
            "serviceVersion", "connectorType", "method", "pathPattern", "statusCode", "success", "errorCode", "fault",
            "durationMs", "requestBytes", "responseBytes", "requestSha256", "responseSha256", "hubInstance", "clientProfile");

    /**
     * What to search for; every text criterion may be null or blank (no filter).
     *
     * @param from   ISO date or instant (see {@link ReportPeriod}); default: the report default period
     * @param status a status code ({@code 404}), a class ({@code 5xx}), {@code succeeded} or {@code failed}
     */
    public record Criteria(String from, String to, String consumer, String provider, String service, String status,
                           String transactionId, int page, int size) {
    }

    /**
     * One page, newest first; {@code hasMore} tells whether a next page exists. {@code matched}
     * counts the calls that match, up to {@link #COUNT_CAP}: past it {@code matchedCapped} is true
     * (counting further would read the whole period's detail for one page).
     */
    public record Result(List<Map<String, Object>> items, int page, int size, boolean hasMore, long matched, boolean matchedCapped) {
    }

    /** Most matching calls counted for one search. */
    public static final int COUNT_CAP = 10_000;

    @Inject
    Pool pool;
    @Inject
    ReportConfig config;

    public Uni<Result> search(Criteria c) {
        ReportPeriod period = ReportPeriod.parse(c.from(), c.to(), config.timeZone());
        List<Object> params = new ArrayList<>(List.of(
                LocalDate.ofInstant(period.from(), ZoneOffset.UTC), LocalDate.ofInstant(period.to(), ZoneOffset.UTC),
                period.from().atOffset(ZoneOffset.UTC), period.to().atOffset(ZoneOffset.UTC)));
        StringBuilder where = new StringBuilder("received_day >= $1 AND received_day <= $2 AND received_at >= $3 AND received_at < $4");
        filter(where, params, "consumer_code", code("consumer", c.consumer()));
        filter(where, params, "provider_code", code("provider", c.provider()));
        filter(where, params, "service_code", code("service", c.service()));
        String transactionId = c.transactionId() == null ? null : c.transactionId().strip();
        if (transactionId != null && !transactionId.isBlank()) {
            if (transactionId.length() > 64 || !transactionId.matches("[A-Za-z0-9._:-]+")) {
                throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "transactionId", "not a transaction id");
            }
            // The hub's id or the caller's own (kept as the correlation id): one caller id may
            // name several calls, and every one of them is found.
            params.add(transactionId);
            where.append(" AND (transaction_id = $").append(params.size()).append(" OR correlation_id = $").append(params.size())
                    .append(')');
        }
        String status = c.status();
        if (status != null && !status.isBlank()) {
            if (status.matches("[1-5]xx")) {
                params.add((status.charAt(0) - '0') * 100);
                where.append(" AND status_code >= $").append(params.size()).append(" AND status_code < $").append(params.size()).append(" + 100");
            } else if (status.matches("[1-5][0-9]{2}")) {
                filter(where, params, "status_code", Integer.parseInt(status));
            } else if (status.equals("failed") || status.equals("succeeded")) {
                params.add(status.equals("succeeded"));
                where.append(" AND success = $").append(params.size());
            } else {
                throw ProblemException.field(ErrorCode.INVALID_PARAMETER, "status", "status is a code (404), a class (5xx), succeeded or failed");
            }
        }
        int pageSize = c.size();
        Tuple countParams = Tuple.from(params);
        params.add(pageSize + 1);
        params.add((c.page() - 1) * pageSize);
        String sql = "SELECT * FROM ledger_transaction WHERE " + where + " ORDER BY received_at DESC, transaction_id LIMIT $"
                + (params.size() - 1) + " OFFSET $" + params.size();
        String count = "SELECT count(*) FROM (SELECT 1 FROM ledger_transaction WHERE " + where + " LIMIT " + (COUNT_CAP + 1) + ") m";
        return pool.preparedQuery(count).execute(countParams).map(rows -> rows.iterator().next().getLong(0))
                .flatMap(matched -> pool.preparedQuery(sql).execute(Tuple.from(params)).map(rows -> {
                    List<Map<String, Object>> items = new ArrayList<>();
                    for (Row row : rows) {
                        if (items.size() == pageSize) {
                            break;
                        }
                        items.add(map(row));
                    }
                    return new Result(items, c.page(), pageSize, rows.size() > pageSize, Math.min(matched, COUNT_CAP), matched > COUNT_CAP);
                }));
    }

    /** The page as an Excel-friendly CSV download. */
    public static Response csv(Result result) {
        return Csv.of("lgsp-transactions.csv", COLUMNS, result.items());
    }

    private static void filter(StringBuilder where, List<Object> params, String column, Object value) {
        if (value != null) {
            params.add(value);
            where.append(" AND ").append(column).append(" = $").append(params.size());
        }
    }

    /** Codes are lower-case slugs: one typed or pasted as {@code " Tu-Phap "} still finds {@code tu-phap}. */
    private static String code(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.strip().toLowerCase(Locale.ROOT);
        if (code.length() > 63 || !FieldChecks.SLUG.matcher(code).matches()) {
            throw ProblemException.field(ErrorCode.INVALID_PARAMETER, name, name + " is not a valid code");
        }
        return code;
    }

    private static Map<String, Object> map(Row row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transactionId", row.getString("transaction_id"));
        m.put("correlationId", row.getString("correlation_id"));
        m.put("receivedAt", row.getOffsetDateTime("received_at"));
        m.put("consumer", row.getString("consumer_code"));
        m.put("provider", row.getString("provider_code"));
        m.put("service", row.getString("service_code"));
        m.put("serviceVersion", row.getString("service_version"));
        m.put("connectorType", row.getString("connector_type"));
        m.put("method", row.getString("http_method"));
        m.put("pathPattern", row.getString("path_pattern"));
        m.put("statusCode", row.getInteger("status_code"));
        m.put("success", row.getBoolean("success"));
        m.put("errorCode", row.getString("error_code"));
        m.put("fault", row.getString("fault"));
        m.put("durationMs", ReportResource.round(row.getLong("duration_us") / 1000.0));
        m.put("requestBytes", row.getLong("request_bytes"));
        m.put("responseBytes", row.getLong("response_bytes"));
        m.put("requestSha256", row.getString("request_sha256"));
        m.put("responseSha256", row.getString("response_sha256"));
        m.put("hubInstance", row.getString("hub_instance"));
        m.put("clientProfile", row.getString("client_profile"));
        return m;
    }
}
