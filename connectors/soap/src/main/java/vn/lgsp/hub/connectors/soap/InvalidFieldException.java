package vn.lgsp.hub.connectors.soap;

/** A JSON field that cannot become XML; {@link #field()} is its path, e.g. {@code items[2].name}. */
final class InvalidFieldException extends Exception {

    private final String field;

    InvalidFieldException(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }
}
