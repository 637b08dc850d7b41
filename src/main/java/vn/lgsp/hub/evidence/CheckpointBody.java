package vn.lgsp.hub.evidence;

/**
 * What a checkpoint signs: the head of an instance's chain after {@code lastSeq} and the digest
 * of the previous checkpoint's body (null for the first), so checkpoints form a chain too.
 */
public record CheckpointBody(int format, String instance, long firstSeq, long lastSeq, String headSha256,
                             String previousCheckpointSha256, String createdAt) {

    public static final int FORMAT = 1;
}
