package vn.lgsp.hub.evidence;

/**
 * One link of an instance's chain as it is hashed: its place ({@code seq}, from 1, no gaps) is
 * part of what is signed, so a record moved or removed cannot pass as another.
 */
public record MessageRecord(int format, String instance, long seq, LoggedTransaction transaction) {

    public static final int FORMAT = 1;
}
