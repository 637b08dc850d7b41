package vn.lgsp.hub.console;

import java.util.List;

/**
 * One tick of the overview's live feed: transactions per minute over the last minutes (labels
 * are HH:mm in the reports' time zone, oldest first, minutes without traffic as 0), their sum,
 * the last full minute's count, and every figure of the overview, all read at the same moment so
 * that none of them can lag behind another.
 */
public record LiveSnapshot(String at, List<String> labels, List<Long> counts, long windowTotal, long lastMinute,
                           Overview figures) {
}
