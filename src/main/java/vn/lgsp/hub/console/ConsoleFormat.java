package vn.lgsp.hub.console;

import io.quarkus.qute.TemplateData;

import java.text.NumberFormat;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers and dates as people in Vietnam read them: {@code 1.234.567} and {@code dd/MM/yyyy} in
 * Vietnamese ({@code 1,234,567} in English), times in the reports' time zone (Asia/Ho_Chi_Minh).
 */
@TemplateData
public final class ConsoleFormat {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    private final Locale locale;
    private final ZoneId zone;

    public ConsoleFormat(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
    }

    public String num(Number value) {
        return value == null ? "–" : NumberFormat.getIntegerInstance(locale).format(value);
    }

    /** A ratio (0.0123) as a percentage with two decimals (1,23 %). */
    public String percent(Double ratio) {
        if (ratio == null) {
            return "–";
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return f.format(ratio * 100) + " %";
    }

    public String millis(Double value) {
        if (value == null) {
            return "–";
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMaximumFractionDigits(1);
        return f.format(value) + " ms";
    }

    public String date(OffsetDateTime at) {
        return at == null ? "–" : at.atZoneSameInstant(zone).format(DATE);
    }

    /** A calendar day as the page's language writes dates. */
    public String day(java.time.LocalDate day) {
        return day == null ? "–" : day.format(DATE);
    }

    public String dateTime(OffsetDateTime at) {
        return at == null ? "–" : at.atZoneSameInstant(zone).format(DATE_TIME);
    }

    /** ISO form for {@code <time datetime>} attributes. */
    public String iso(OffsetDateTime at) {
        return at == null ? "" : at.toString();
    }
}
