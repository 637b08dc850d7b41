package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;
import vn.lgsp.hub.compat.CompatProfile;
import vn.lgsp.hub.registry.Endpoint;
import vn.lgsp.hub.registry.InformationSystem;
import vn.lgsp.hub.registry.SharedService;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A system's page: the system, its endpoints (settings only; the registry never returns
 * secrets, only whether one is set), its services, its daily volume as a provider and its top
 * consumers over the period picked (the last 30 days unless another is chosen), its latest health probes, and the conventions of today's LGSPs
 * it may call by (its compatibility profile).
 */
@TemplateData
public record SystemDetail(InformationSystem system, List<Endpoint> endpoints, List<SharedService> services,
                           PeriodVolume volume, List<ConsumerVolume> consumers, List<ProbePoint> probes,
                           SystemConnection connection, Map<String, ProbeSetting> probeSettings, CompatProfile compatibility) {

    /** This page's address: the owner's page or everyone's. */
    public String pagePath(boolean owner) {
        return (owner ? "/console/owner/systems/" : "/console/connections/") + system.code();
    }

    /** An endpoint's probe as registered (what it asks, how often). */
    @TemplateData
    public record ProbeSetting(String target, int intervalSeconds) {
    }

    /** The probe registered for an endpoint, or null. */
    public ProbeSetting probeOf(String endpointCode) {
        return probeSettings.get(endpointCode);
    }

    /** The probe history as people read it: the latest first. */
    public List<ProbePoint> probesNewestFirst() {
        List<ProbePoint> newest = new ArrayList<>(probes);
        Collections.reverse(newest);
        return newest;
    }

    /** One health probe of one of the system's endpoints (probes are not transactions). */
    @TemplateData
    public record ProbePoint(OffsetDateTime at, String endpoint, boolean up, int durationMs) {
    }

    @TemplateData
    public record DayVolume(String day, long transactions, long failures) {
    }

    @TemplateData
    public record ConsumerVolume(String consumer, long transactions, long failures) {
    }
}
