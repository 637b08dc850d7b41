package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

import java.util.List;

/** Calls and failures per day over the period a page was asked for (the overview, a system's page), with their totals. */
@TemplateData
public record PeriodVolume(ConsolePeriod period, List<SystemDetail.DayVolume> days) {

    public long transactions() {
        return days.stream().mapToLong(SystemDetail.DayVolume::transactions).sum();
    }

    public long failures() {
        return days.stream().mapToLong(SystemDetail.DayVolume::failures).sum();
    }

    /** Failed share of the calls, 0 to 1 (0 without calls). */
    public double errorRate() {
        long n = transactions();
        return n == 0 ? 0 : (double) failures() / n;
    }
}
