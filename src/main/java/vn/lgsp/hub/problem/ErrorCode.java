package vn.lgsp.hub.problem;

/**
 * Stable, machine-readable error codes of the hub's problem responses. Clients branch on
 * {@link #code()}; the code never changes meaning once released (docs/errors.md lists them).
 */
public enum ErrorCode {
    INVALID_FIELD("invalid-field", 400, "A field has an invalid value"),
    UNKNOWN_FIELD("unknown-field", 400, "The request has a field the API does not know"),
    MALFORMED_BODY("malformed-body", 400, "The request body is not well-formed"),
    INVALID_PARAMETER("invalid-parameter", 400, "A query or path parameter has an invalid value"),
    PERIOD_NOT_EXACT("period-not-exact", 422, "The report cannot be exact for this period: give whole hours there"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "The request body's media type is not accepted here"),
    NOT_ACCEPTABLE("not-acceptable", 406, "No acceptable representation"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed on this resource"),
    NOT_FOUND("not-found", 404, "No such resource"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "The request body is too large"),
    UNAUTHENTICATED("unauthenticated", 401, "Send a valid bearer token"),
    FORBIDDEN("forbidden", 403, "Your role or organisation does not allow this"),

    SYSTEM_NOT_FOUND("system-not-found", 404, "No such information system"),
    ENDPOINT_NOT_FOUND("endpoint-not-found", 404, "No such endpoint"),
    SERVICE_NOT_FOUND("service-not-found", 404, "No such service"),
    DOCUMENT_NOT_FOUND("document-not-found", 404, "The service has no description document"),
    CATALOGUE_ENTRY_NOT_FOUND("catalogue-entry-not-found", 404, "No such catalogue entry"),
    GRANT_NOT_FOUND("grant-not-found", 404, "No such access grant"),
    IMPORT_NOT_FOUND("import-not-found", 404, "No such historical import"),
    PROBE_NOT_FOUND("probe-not-found", 404, "No probe is registered for this endpoint"),

    DUPLICATE_SYSTEM("duplicate-system", 409, "An information system with this code exists"),
    DUPLICATE_ENDPOINT("duplicate-endpoint", 409, "The system has an endpoint with this code"),
    DUPLICATE_SERVICE("duplicate-service", 409, "The system shares a service with this code and version"),
    CATALOGUE_ENTRY_TAKEN("catalogue-entry-taken", 409, "Another system is linked to this catalogue entry"),
    ENDPOINT_IN_USE("endpoint-in-use", 409, "Services still use this endpoint"),
    INVALID_TRANSITION("invalid-transition", 409, "This lifecycle transition is not allowed from the current status"),
    IMMUTABLE_FIELD("immutable-field", 409, "This field cannot be changed"),
    DUPLICATE_GRANT("duplicate-grant", 409, "The consumer already holds an active grant for this service"),
    CLIENT_ID_TAKEN("client-id-taken", 409, "Another system is mapped to this client id"),
    IMPORT_CONFLICT("import-conflict", 409, "An import with this id exists with other content, or was withdrawn"),
    IMPORT_OVERLAPS("import-overlaps", 409, "Another import of this provider covers part of this period"),

    UNKNOWN_CATALOGUE_ENTRY("unknown-catalogue-entry", 422, "The referenced catalogue entry does not exist"),
    UNKNOWN_ENDPOINT("unknown-endpoint", 422, "The referenced endpoint does not exist in this system"),
    UNKNOWN_SYSTEM("unknown-system", 422, "The referenced information system does not exist"),
    UNKNOWN_SERVICE("unknown-service", 422, "The provider shares no service with this code"),
    UNSUPPORTED_CONNECTOR("unsupported-connector-type", 422, "No connector of this type is installed"),
    INVALID_DOCUMENT("invalid-document", 422, "The service description document is not valid"),

    PRECONDITION_REQUIRED("precondition-required", 428, "Send If-Match with the ETag you last read"),
    VERSION_MISMATCH("version-mismatch", 412, "The resource changed since you read it"),

    // Sharing API: the caller's request
    PATH_REJECTED("path-rejected", 400, "The path is not allowed through the hub"),
    HEADER_REJECTED("header-rejected", 400, "A request header is not allowed through the hub"),
    REQUEST_REJECTED("request-rejected", 400, "The provider's connector refused the request"),
    CONSUMER_UNIDENTIFIED("consumer-unidentified", 401, "The calling system could not be identified"),
    CONSUMER_NOT_ACTIVE("consumer-not-active", 403, "The calling system is not registered or not active"),
    ACCESS_DENIED("access-denied", 403, "The calling system holds no grant for this service"),
    PROVIDER_NOT_FOUND("provider-not-found", 404, "No such provider system"),
    OPERATION_NOT_FOUND("operation-not-found", 404, "The service has no operation at this method and path"),
    PROVIDER_NOT_ACTIVE("provider-not-active", 409, "The provider system is not active"),
    SERVICE_NOT_PUBLISHED("service-not-published", 409, "The service is not published"),
    TOO_MANY_CONCURRENT_CALLS("too-many-concurrent-calls", 429, "The calling system has too many calls in progress"),
    REQUEST_TOO_LARGE("request-too-large", 413, "The request body is larger than the service accepts"),
    QUOTA_EXCEEDED("quota-exceeded", 429, "The grant's request quota is used up; retry after Retry-After"),
    // Sharing API: the provider's side
    RESPONSE_TOO_LARGE("response-too-large", 502, "The provider's answer is larger than the service allows"),
    PROVIDER_UNREACHABLE("provider-unreachable", 502, "The provider could not be reached"),
    PROVIDER_TLS_FAILED("provider-tls-failed", 502, "TLS with the provider failed"),
    PROVIDER_BAD_RESPONSE("provider-bad-response", 502, "The provider's answer could not be understood"),
    PROVIDER_AUTH_FAILED("provider-auth-failed", 502, "The hub could not authenticate to the provider"),
    EGRESS_REFUSED("egress-refused", 502, "The hub's egress policy refuses the provider's address"),
    PROVIDER_TIMEOUT("provider-timeout", 504, "The provider did not answer in time"),
    REQUEST_BODY_TIMEOUT("request-body-timeout", 408, "The request body stalled or took too long"),
    CIRCUIT_OPEN("circuit-open", 503, "The provider is failing; calls are paused until it recovers"),

    // Compatibility profiles: the conventions of today's LGSPs' clients
    LGSP_TOKEN_MALFORMED("lgsp-token-malformed", 400, "The lgspaccesstoken header is not Base64 of a JSON object with AccessKey and SecretKey"),
    LGSP_TOKEN_MISMATCH("lgsp-token-mismatch", 403, "The lgspaccesstoken names another client than the bearer token"),
    PROFILE_NOT_ENABLED("profile-not-enabled", 403, "The calling system's compatibility profile does not enable this convention"),
    SENDER_CODE_MISMATCH("sender-code-mismatch", 403, "SENDER_CODE is not the calling system's own code"),
    PARTNER_CODE_MISMATCH("partner-code-mismatch", 403, "PartnerCode is not the agency code of the client's system"),
    ADDRESS_NOT_FOUND("address-not-found", 404, "No service has this API context, or this RECEIVER_CODE and TRAN_CODE"),
    ADDRESS_TAKEN("address-taken", 409, "Another service has this API context or transaction code"),
    TOKEN_REQUEST_INVALID("token-request-invalid", 400, "The token request is not a client-credentials request the hub accepts"),
    TOKEN_REFUSED("token-refused", 401, "The client credentials were refused"),
    IDENTITY_PROVIDER_UNAVAILABLE("identity-provider-unavailable", 503, "The identity provider did not answer; retry later"),

    // Operator console
    CONSOLE_FORBIDDEN("console-forbidden", 403, "Your roles do not allow this console page or action"),

    LEDGER_UNAVAILABLE("ledger-unavailable", 503, "Transactions cannot be recorded now, so none are routed"),
    EVIDENCE_NOT_FOUND("evidence-not-found", 404, "The message log has no record of this transaction"),
    EVIDENCE_NOT_SEALED("evidence-not-sealed", 409, "The transaction is recorded but no signed checkpoint covers it yet; retry shortly"),
    BODY_NOT_KEPT("body-not-kept", 404, "The message log keeps no body of this transaction: its service did not opt in, it expired, or it was too large"),
    BODY_UNREADABLE("body-unreadable", 409, "The kept body does not open with the configured keys, or no longer matches its digest in the message log"),
    ARCHIVE_NOT_FOUND("archive-not-found", 404, "The message log has no records for this day and part"),
    ARCHIVE_DAY_OPEN("archive-day-open", 409, "Only closed days (before today, UTC) are archived"),
    ARCHIVE_OUT_OF_ORDER("archive-out-of-order", 409, "Archives chain into each other: export the earlier one first"),
    ARCHIVE_MISMATCH("archive-mismatch", 409, "The stored records no longer produce the archive exported before: the log was altered"),

    // Asynchronous sharing (events)
    SCHEMA_VIOLATION("schema-violation", 400, "The event does not match its event type's schema"),
    EVENT_TYPE_NOT_FOUND("event-type-not-found", 404, "No such event type"),
    SUBSCRIPTION_NOT_FOUND("subscription-not-found", 404, "No such subscription"),
    DEAD_LETTER_NOT_FOUND("dead-letter-not-found", 404, "No such dead-lettered event"),
    DUPLICATE_EVENT_TYPE("duplicate-event-type", 409, "The system declares this event type and version already"),
    EVENT_ID_CONFLICT("event-id-conflict", 409, "An event with this id was published with another content"),
    REPLAY_FAILED("replay-failed", 502, "The subscriber did not accept the replayed event"),
    EVENTS_UNAVAILABLE("events-unavailable", 503, "Kafka did not acknowledge the event; retry later"),

    STORAGE_UNAVAILABLE("storage-unavailable", 503, "The hub's database is not reachable; retry later"),
    INTERNAL_ERROR("internal-error", 500, "The hub failed to handle the request");

    private final String code;
    private final int status;
    private final String title;

    ErrorCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem type URI: stable, resolvable to the error's documentation. */
    public String type() {
        return "urn:lgsp-hub:problem:" + code;
    }
}
