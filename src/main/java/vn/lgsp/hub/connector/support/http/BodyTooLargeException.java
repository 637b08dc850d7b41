package vn.lgsp.hub.connector.support.http;

/** A body that had to be buffered went over its limit. */
public class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(long limit) {
        super("body exceeds " + limit + " bytes", null, false, false);
    }
}
