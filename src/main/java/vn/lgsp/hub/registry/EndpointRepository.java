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

/** Stores endpoints with their encrypted credentials. */
@ApplicationScoped
public class EndpointRepository {

    private static final String COLUMNS = "id, system_id, code, connector_type, address, connect_timeout_ms, "
            + "request_timeout_ms, tls, auth_type, auth_params, options, secret_ciphertext, secret_updated_at, "
            + "client_key_ciphertext, version, created_at, updated_at";

    public Uni<List<Endpoint>> list(SqlClient db, UUID systemId) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM endpoint WHERE system_id = $1 ORDER BY code")
                .execute(Tuple.of(systemId))
                .map(rows -> {
                    List<Endpoint> items = new ArrayList<>(rows.size());
                    rows.forEach(row -> items.add(map(row).endpoint()));
                    return items;
                });
    }

    public Uni<EndpointRecord> find(SqlClient db, UUID systemId, String code) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM endpoint WHERE system_id = $1 AND code = $2")
                .execute(Tuple.of(systemId, code))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    public Uni<EndpointRecord> findById(SqlClient db, UUID id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM endpoint WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    public Uni<EndpointRecord> get(SqlClient db, UUID systemId, String code) {
        return find(db, systemId, code).map(found -> {
            if (found == null) {
                throw ProblemException.field(ErrorCode.ENDPOINT_NOT_FOUND, "endpointCode", "the system has no endpoint with this code");
            }
            return found;
        });
    }

    /** Inserts, or updates when {@code expectedVersion} is given. Secrets are already encrypted. */
    public Uni<EndpointRecord> save(SqlClient db, UUID id, UUID systemId, Integer expectedVersion, Endpoint e,
                                    byte[] secret, boolean secretChanged, byte[] clientKey) {
        Tuple values = Tuple.tuple()
                .addUUID(id).addUUID(systemId).addString(e.code()).addString(e.connectorType()).addString(e.address())
                .addInteger(e.connectTimeoutMs()).addInteger(e.requestTimeoutMs()).addValue(tlsJson(e.tls()))
                .addString(e.auth().type()).addValue(authJson(e.auth())).addValue(new JsonObject(new LinkedHashMap<>(e.options())))
                .addValue(secret == null ? null : io.vertx.core.buffer.Buffer.buffer(secret))
                .addValue(clientKey == null ? null : io.vertx.core.buffer.Buffer.buffer(clientKey));
        if (expectedVersion == null) {
            return db.preparedQuery("INSERT INTO endpoint (id, system_id, code, connector_type, address, connect_timeout_ms, "
                            + "request_timeout_ms, tls, auth_type, auth_params, options, secret_ciphertext, secret_updated_at, "
                            + "client_key_ciphertext, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                            + "$10, $11, $12, CASE WHEN $12::bytea IS NULL THEN NULL ELSE now() END, $13, 1, now(), now()) "
                            + "RETURNING " + COLUMNS)
                    .execute(values)
                    .map(rows -> map(rows.iterator().next()))
                    .onFailure().transform(EndpointRepository::translate);
        }
        return db.preparedQuery("UPDATE endpoint SET connector_type = $4, address = $5, connect_timeout_ms = $6, "
                        + "request_timeout_ms = $7, tls = $8, auth_type = $9, auth_params = $10, options = $11, "
                        + "secret_ciphertext = $12, secret_updated_at = CASE WHEN $12::bytea IS NULL THEN NULL WHEN $14 THEN now() "
                        + "ELSE secret_updated_at END, client_key_ciphertext = $13, version = version + 1, updated_at = now() "
                        + "WHERE id = $1 AND system_id = $2 AND code = $3 AND version = $15 RETURNING " + COLUMNS)
                .execute(values.addBoolean(secretChanged).addInteger(expectedVersion))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.field(ErrorCode.VERSION_MISMATCH, "If-Match", "the endpoint changed since you read it");
                    }
                    return map(rows.iterator().next());
                });
    }

    public Uni<Void> delete(SqlClient db, UUID id, int expectedVersion) {
        return db.preparedQuery("DELETE FROM endpoint WHERE id = $1 AND version = $2")
                .execute(Tuple.of(id, expectedVersion))
                .onFailure().transform(EndpointRepository::translate)
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.field(ErrorCode.VERSION_MISMATCH, "If-Match", "the endpoint changed since you read it");
                    }
                    return null;
                });
    }

    private static Throwable translate(Throwable failure) {
        if (PgErrors.violates(failure, PgErrors.UNIQUE_VIOLATION, "endpoint_system_id_code_key")) {
            return ProblemException.field(ErrorCode.DUPLICATE_ENDPOINT, "code", "the system already has an endpoint with this code");
        }
        if (PgErrors.violates(failure, PgErrors.FOREIGN_KEY_VIOLATION, "shared_service_endpoint_id_fkey")) {
            return ProblemException.field(ErrorCode.ENDPOINT_IN_USE, "endpointCode", "services still use this endpoint; move or remove them first");
        }
        return failure;
    }

    private static JsonObject tlsJson(Endpoint.Tls tls) {
        JsonObject json = new JsonObject().put("verifyHostname", tls.verifyHostname()).put("trustAll", tls.trustAll());
        putIfSet(json, "caCertificatesPem", tls.caCertificatesPem());
        putIfSet(json, "clientCertificatePem", tls.clientCertificatePem());
        return json;
    }

    private static JsonObject authJson(Endpoint.Auth auth) {
        JsonObject json = new JsonObject();
        putIfSet(json, "header", auth.header());
        putIfSet(json, "username", auth.username());
        putIfSet(json, "tokenUrl", auth.tokenUrl());
        putIfSet(json, "clientId", auth.clientId());
        putIfSet(json, "scope", auth.scope());
        putIfSet(json, "clientAuthentication", auth.clientAuthentication());
        return json;
    }

    private static void putIfSet(JsonObject json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    static EndpointRecord map(Row row) {
        JsonObject tls = (JsonObject) row.getValue("tls");
        JsonObject auth = (JsonObject) row.getValue("auth_params");
        JsonObject options = (JsonObject) row.getValue("options");
        Map<String, String> opts = new LinkedHashMap<>();
        options.forEach(entry -> opts.put(entry.getKey(), String.valueOf(entry.getValue())));
        Buffer secret = row.getBuffer("secret_ciphertext");
        Buffer clientKey = row.getBuffer("client_key_ciphertext");
        Endpoint endpoint = new Endpoint(row.getUUID("id"), row.getUUID("system_id"), row.getString("code"),
                row.getString("connector_type"), row.getString("address"), row.getInteger("connect_timeout_ms"),
                row.getInteger("request_timeout_ms"),
                new Endpoint.Tls(tls.getBoolean("verifyHostname", true), tls.getBoolean("trustAll", false),
                        tls.getString("caCertificatesPem"), tls.getString("clientCertificatePem"), clientKey != null),
                new Endpoint.Auth(row.getString("auth_type"), auth.getString("header"), auth.getString("username"),
                        auth.getString("tokenUrl"), auth.getString("clientId"), auth.getString("scope"),
                        auth.getString("clientAuthentication"), secret != null,
                        row.getOffsetDateTime("secret_updated_at")),
                opts, row.getInteger("version"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
        return new EndpointRecord(endpoint, secret == null ? null : secret.getBytes(),
                clientKey == null ? null : clientKey.getBytes());
    }
}
