package vn.lgsp.hub.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/** Operators' reports. */
@ConfigMapping(prefix = "lgsp.reports")
public interface ReportConfig {

    /** Time zone whose days and months the reports count in (any whole-hour zone is exact); the daily rollups are kept in it. */
    @WithDefault("Asia/Ho_Chi_Minh")
    ZoneId timeZone();

    /** Most rows a report returns. */
    @WithDefault("10000")
    int maxRows();
}
