package vn.lgsp.hub.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/** Per-grant quotas of the sharing API. */
@ConfigMapping(prefix = "lgsp.quota")
public interface QuotaConfig {

    /** Time zone whose midnight starts a new per-day window. */
    @WithDefault("Asia/Ho_Chi_Minh")
    ZoneId dayZone();

    /** Most requests one instance leases from PostgreSQL at once (per grant and window). */
    @WithDefault("100")
    int maxLease();
}
