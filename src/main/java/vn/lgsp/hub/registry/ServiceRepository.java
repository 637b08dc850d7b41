package vn.lgsp.hub.registry;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.lgsp.hub.api.PgErrors;
import vn.lgsp.hub.problem.ErrorCode;
import vn.lgsp.hub.problem.ProblemException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Stores shared services and their description documents. */
@ApplicationScoped
public class ServiceRepository {

    private static final String SELECT = "SELECT s.id, s.system_id, s.endpoint_id, i.code AS system_code, s.code, s.version, "
            + "s.name, s.description, e.code AS endpoint_code, s.kind, s.http_method, s.path_pattern, s.soap_operation, "
            + "s.soap_action, s.data_classification, s.max_request_bytes, s.max_response_bytes, s.retry_attempts, s.options, "
            + "s.body_retention_days, s.status, s.status_changed_at, s.revision, s.created_at, s.updated_at, d.format AS doc_format, "
            + "d.media_type AS doc_media_type, d.sha256 AS doc_sha256, d.uploaded_at AS doc_uploaded_at "
            + "FROM shared_service s JOIN information_system i ON i.id = s.system_id JOIN endpoint e ON e.id = s.endpoint_id "
            + "LEFT JOIN service_document d ON d.service_id = s.id ";

    public Uni<List<SharedService>> list(SqlClient db, UUID systemId) {
        return db.preparedQuery(SELECT + "WHERE s.system_id = $1 ORDER BY s.code, s.version")
                .execute(Tuple.of(systemId))
                .map(rows -> {
                    List<SharedService> items = new ArrayList<>(rows.size());
                    rows.forEach(row -> items.add(map(row)));
                    return items;
                });
    }

    public Uni<SharedService> get(SqlClient db, UUID systemId, String code, String version) {
        return db.preparedQuery(SELECT + "WHERE s.system_id = $1 AND s.code = $2 AND s.version = $3")
                .execute(Tuple.of(systemId, code, version))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.field(ErrorCode.SERVICE_NOT_FOUND, "serviceCode", "the system shares no service with this code and version");
                    }
                    return map(rows.iterator().next());
                });
    }

    public Uni<SharedService> insert(SqlClient db, UUID systemId, UUID endpointId, ServiceInput in) {
        UUID id = UUID.randomUUID();
        Tuple values = fields(Tuple.tuple().addUUID(id).addUUID(systemId).addUUID(endpointId), in)
                .addString(in.code()).addString(in.version());
        return db.preparedQuery("INSERT INTO shared_service (id, system_id, endpoint_id, name, description, kind, http_method, "
                        + "path_pattern, soap_operation, soap_action, data_classification, max_request_bytes, max_response_bytes, "
                        + "retry_attempts, options, body_retention_days, code, version, status, status_changed_at, revision, created_at, updated_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 'draft', now(), 1, now(), now())")
                .execute(values)
                .onFailure().transform(failure -> PgErrors.violates(failure, PgErrors.UNIQUE_VIOLATION, "shared_service_system_id_code_version_key")
                        ? ProblemException.field(ErrorCode.DUPLICATE_SERVICE, "code", "the system already shares this service code and version")
                        : failure)
                .flatMap(done -> byId(db, id));
    }

    public Uni<SharedService> update(SqlClient db, UUID id, UUID endpointId, int expectedRevision, ServiceInput in) {
        Tuple values = fields(Tuple.tuple().addUUID(id).addUUID(endpointId), in).addInteger(expectedRevision);
        return db.preparedQuery("UPDATE shared_service SET endpoint_id = $2, name = $3, description = $4, kind = $5, "
                        + "http_method = $6, path_pattern = $7, soap_operation = $8, soap_action = $9, data_classification = $10, "
                        + "max_request_bytes = $11, max_response_bytes = $12, retry_attempts = $13, options = $14, "
                        + "body_retention_days = $15, revision = revision + 1, updated_at = now() WHERE id = $1 AND revision = $16")
                .execute(values)
                .flatMap(rows -> checkedThen(rows.rowCount(), db, id));
    }

    public Uni<SharedService> changeStatus(SqlClient db, UUID id, int expectedRevision, ServiceStatus status) {
        return db.preparedQuery("UPDATE shared_service SET status = $3, status_changed_at = now(), revision = revision + 1, "
                        + "updated_at = now() WHERE id = $1 AND revision = $2")
                .execute(Tuple.of(id, expectedRevision, status.wire()))
                .flatMap(rows -> checkedThen(rows.rowCount(), db, id));
    }

    public Uni<Void> delete(SqlClient db, UUID id, int expectedRevision) {
        return db.preparedQuery("DELETE FROM shared_service WHERE id = $1 AND revision = $2")
                .execute(Tuple.of(id, expectedRevision))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.field(ErrorCode.VERSION_MISMATCH, "If-Match", "the service changed since you read it");
                    }
                    return null;
                });
    }

    public Uni<SharedService> saveDocument(SqlClient db, UUID serviceId, ServiceDocument document) {
        return db.preparedQuery("INSERT INTO service_document (service_id, format, media_type, content, sha256, uploaded_at) "
                        + "VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (service_id) DO UPDATE SET format = EXCLUDED.format, "
                        + "media_type = EXCLUDED.media_type, content = EXCLUDED.content, sha256 = EXCLUDED.sha256, uploaded_at = now()")
                .execute(Tuple.of(serviceId, document.format(), document.mediaType(), io.vertx.core.buffer.Buffer.buffer(document.content()), document.sha256()))
                .flatMap(done -> db.preparedQuery("UPDATE shared_service SET revision = revision + 1, updated_at = now() WHERE id = $1")
                        .execute(Tuple.of(serviceId)))
                .flatMap(done -> byId(db, serviceId));
    }

    public Uni<ServiceDocument> document(SqlClient db, UUID serviceId) {
        return db.preparedQuery("SELECT format, media_type, content, sha256 FROM service_document WHERE service_id = $1")
                .execute(Tuple.of(serviceId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ProblemException(ErrorCode.DOCUMENT_NOT_FOUND, "no OpenAPI or WSDL document was uploaded for this service");
                    }
                    Row row = rows.iterator().next();
                    return new ServiceDocument(row.getString("format"), row.getString("media_type"),
                            row.getBuffer("content").getBytes(), row.getString("sha256"));
                });
    }

    private Uni<SharedService> byId(SqlClient db, UUID id) {
        return db.preparedQuery(SELECT + "WHERE s.id = $1").execute(Tuple.of(id)).map(rows -> map(rows.iterator().next()));
    }

    private Uni<SharedService> checkedThen(int rowCount, SqlClient db, UUID id) {
        if (rowCount == 0) {
            return Uni.createFrom().failure(ProblemException.field(ErrorCode.VERSION_MISMATCH, "If-Match", "the service changed since you read it"));
        }
        return byId(db, id);
    }

    private static Tuple fields(Tuple tuple, ServiceInput in) {
        return tuple.addString(in.name()).addString(in.description()).addString(in.kind().wire())
                .addString(in.kind() == ServiceKind.REST ? in.httpMethod() : null)
                .addString(in.kind() == ServiceKind.REST ? in.pathPattern() : null)
                .addString(in.soapOperation()).addString(in.soapAction()).addString(in.dataClassification().wire())
                .addLong(in.maxRequestBytes() == null ? ServiceInput.DEFAULT_MAX_REQUEST_BYTES : in.maxRequestBytes())
                .addLong(in.maxResponseBytes() == null ? ServiceInput.DEFAULT_MAX_RESPONSE_BYTES : in.maxResponseBytes())
                .addInteger(in.retryAttempts() == null ? 0 : in.retryAttempts())
                .addValue(new JsonObject(new LinkedHashMap<>(in.options() == null ? Map.of() : in.options())))
                .addInteger(in.bodyRetentionDays());
    }

    static SharedService map(Row row) {
        JsonObject options = (JsonObject) row.getValue("options");
        Map<String, String> opts = new LinkedHashMap<>();
        options.forEach(entry -> opts.put(entry.getKey(), String.valueOf(entry.getValue())));
        String systemCode = row.getString("system_code");
        String code = row.getString("code");
        String version = row.getString("version");
        SharedService.DocumentInfo doc = row.getString("doc_format") == null ? null : new SharedService.DocumentInfo(
                row.getString("doc_format"), row.getString("doc_media_type"), row.getString("doc_sha256"),
                row.getOffsetDateTime("doc_uploaded_at"),
                "/api/v1/systems/" + systemCode + "/services/" + code + "/" + version + "/description");
        return new SharedService(row.getUUID("id"), row.getUUID("system_id"), row.getUUID("endpoint_id"), systemCode, code,
                version, row.getString("name"), row.getString("description"), row.getString("endpoint_code"),
                ServiceKind.fromWire(row.getString("kind")), row.getString("http_method"), row.getString("path_pattern"),
                row.getString("soap_operation"), row.getString("soap_action"),
                DataClassification.fromWire(row.getString("data_classification")), row.getLong("max_request_bytes"),
                row.getLong("max_response_bytes"), row.getInteger("retry_attempts"), row.getInteger("body_retention_days"), opts,
                ServiceStatus.fromWire(row.getString("status")), row.getOffsetDateTime("status_changed_at"), doc,
                row.getInteger("revision"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
