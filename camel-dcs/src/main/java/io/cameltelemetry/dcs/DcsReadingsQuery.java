package io.cameltelemetry.dcs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated readings request: what to read and how, and the query strings each API generation expects, in
 * pythondcs's parameter order.
 *
 * @param api          API generation
 * @param id           {@code R733} or {@code VM9}
 * @param number       733 or 9
 * @param virtual      whether it is a virtual meter
 * @param period       the period type
 * @param calibrated   calibrated readings
 * @param interpolated interpolated readings
 * @param format       public API: standard or complete
 * @param useLocalTime legacy: UK local time, or null (not sent)
 * @param decimalPlaces legacy: 0-15, or null (not sent)
 * @param source       legacy: automatic, manual or merged, or null (not sent)
 */
public record DcsReadingsQuery(DcsApiVersion api, String id, long number, boolean virtual, DcsPeriodType period,
        boolean calibrated, boolean interpolated, String format, Boolean useLocalTime,
        Integer decimalPlaces, String source) {

    private static final Pattern ID = Pattern.compile("(?i)(R|VM)?\\s*(\\d+)");

    /**
     * What an id names.
     *
     * @param id      {@code R733} or {@code VM9}
     * @param number  733 or 9
     * @param virtual whether it is a virtual meter
     */
    public record Target(String id, long number, boolean virtual) {
    }

    /** Parses {@code 733} (register unless {@code isVirtual}), {@code R733} or {@code VM9}. */
    public static Target parseId(Object id, boolean isVirtual) {
        if (id == null || String.valueOf(id).isBlank()) {
            throw new DcsValidationException("id", id,
                    "readings need an id: 733 (register), 9 with isVirtual=true, R733 or VM9");
        }
        Matcher m = ID.matcher(String.valueOf(id).trim());
        if (!m.matches()) {
            throw new DcsValidationException("id", id, "not a register or virtual meter id such as 733, R733 or VM9");
        }
        boolean virtual = m.group(1) == null ? isVirtual : m.group(1).equalsIgnoreCase("VM");
        if (m.group(1) != null && m.group(1).equalsIgnoreCase("R") && isVirtual) {
            throw new DcsValidationException("id", id, "an R id is a register, but isVirtual=true");
        }
        long number = Long.parseLong(m.group(2));
        return new Target((virtual ? "VM" : "R") + number, number, virtual);
    }

    /** The range of one request or of the whole read: start inclusive, end exclusive, and the count if given. */
    public record Range(Instant start, Instant end, Integer periodCount, boolean countGiven, Instant givenStart,
            Instant givenEnd) {
    }

    /**
     * Checks that exactly two of start, end and count are given and aligned, and works out the third. Like pythondcs
     * largereadings, a start after the end is swapped and an empty range is an error.
     */
    public Range range(Instant start, Instant end, Integer count) {
        int given = (start != null ? 1 : 0) + (end != null ? 1 : 0) + (count != null ? 1 : 0);
        if (given != 2) {
            throw new DcsValidationException("startTime/endTime/periodCount",
                    (start == null ? "-" : DcsTimes.format(start)) + "/" + (end == null ? "-" : DcsTimes.format(end)) + "/"
                            + (count == null ? "-" : count),
                    "exactly two of startTime, endTime and periodCount must be given");
        }
        if (count != null && count <= 0) {
            throw new DcsValidationException("periodCount", count, "must be a positive number of periods");
        }
        checkAligned("startTime", start);
        checkAligned("endTime", end);
        Instant s = start;
        Instant e = end;
        if (s == null) {
            s = period.plus(e, -count);
        } else if (e == null) {
            e = period.plus(s, count);
        } else if (s.equals(e)) {
            throw new DcsValidationException("startTime/endTime", DcsTimes.format(s), "start and end are the same: no periods");
        } else if (s.isAfter(e)) {
            Instant t = s;
            s = e;
            e = t;
        }
        return new Range(s, e, count, count != null, start, end);
    }

    private void checkAligned(String field, Instant t) {
        if (t != null && !period.isAligned(t)) {
            String rule = switch (period) {
                case HALF_HOUR -> "a half hour (minute 0 or 30, no seconds)";
                case HOUR -> "an hour";
                case DAY -> "midnight UTC";
                case WEEK -> "a week: Monday 00:00 UTC";
                case MONTH -> "a month: the 1st, 00:00 UTC";
            };
            throw new DcsValidationException(field, DcsTimes.format(t), "must be aligned to " + rule);
        }
    }

    /** The API method (path and query) of one request. */
    public String method(Range range, boolean whole) {
        return api == DcsApiVersion.PUBLIC ? publicMethod(range, whole) : legacyMethod(range);
    }

    /**
     * Public API, pythondcs order: id, format, startTime, endTime, periodCount, calibrated, interpolated, periodType.
     * A whole range is asked exactly as given (two of start/end/count); a window with its start and end.
     */
    private String publicMethod(Range range, boolean whole) {
        List<String> q = new ArrayList<>();
        q.add(param("id", id));
        q.add(param("format", format == null ? "standard" : format.toLowerCase(Locale.ROOT)));
        Instant start = whole && range.countGiven() ? range.givenStart() : range.start();
        Instant end = whole && range.countGiven() ? range.givenEnd() : range.end();
        if (start != null) {
            q.add(param("startTime", DcsTimes.format(start)));
        }
        if (end != null) {
            q.add(param("endTime", DcsTimes.format(end)));
        }
        if (whole && range.countGiven()) {
            q.add(param("periodCount", String.valueOf(range.periodCount())));
        }
        q.add(param("calibrated", String.valueOf(calibrated)));
        q.add(param("interpolated", String.valueOf(interpolated)));
        q.add(param("periodType", period.wireName()));
        return "readings?" + String.join("&", q);
    }

    /**
     * Legacy API, pythondcspro order: start, end, decimalPlaces, calibrated, interpolated, useLocalTime,
     * integrationPeriod, source, registerId|virtualMeterId.
     */
    private String legacyMethod(Range range) {
        List<String> q = new ArrayList<>();
        q.add(param("start", DcsTimes.formatLegacy(range.start())));
        q.add(param("end", DcsTimes.formatLegacy(range.end())));
        if (decimalPlaces != null) {
            q.add(param("decimalPlaces", String.valueOf(decimalPlaces)));
        }
        q.add(param("calibrated", String.valueOf(calibrated)));
        q.add(param("interpolated", String.valueOf(interpolated)));
        if (useLocalTime != null) {
            q.add(param("useLocalTime", String.valueOf(useLocalTime)));
        }
        q.add(param("integrationPeriod", period.wireName()));
        if (source != null) {
            q.add(param("source", source));
        }
        q.add(param(virtual ? "virtualMeterId" : "registerId", String.valueOf(number)));
        return (virtual ? "virtualMeterReadings/list?" : "registerReadings/list?") + String.join("&", q);
    }

    private static String param(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The windows to read: one when the range fits {@code maxWindow}, else pythondcs largereadings' split. */
    public List<DcsChunkPlan.Window> windows(Range range, Duration maxWindow) {
        return DcsChunkPlan.plan(range.start(), range.end(), period, maxWindow);
    }
}
