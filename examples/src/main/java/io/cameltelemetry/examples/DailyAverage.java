package io.cameltelemetry.examples;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cameltelemetry.esmond.EsmondConstants;
import io.cameltelemetry.esmond.EsmondValidationException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A running daily (UTC) average of the numbers a route sees, per series: the body is the value, the
 * {@code CamelEsmondTimestamp} header its time (an Instant), {@code CamelEsmondMetadataKey} its series. Sets the
 * headers {@code DailyAverageDay}, {@code DailyAverageCount} and {@code DailyAverage} (rounded to a whole number). In memory: it runs since the
 * route started (the consumer's cursor makes sure no point is counted twice in one run).
 */
public class DailyAverage implements Processor {

    private record Day(LocalDate day, long count, double sum) {
    }

    private final Map<String, Day> days = new ConcurrentHashMap<>();

    @Override
    public void process(Exchange exchange) throws Exception {
        double value = exchange.getIn().getMandatoryBody(Number.class).doubleValue();
        Instant ts = exchange.getIn().getHeader(EsmondConstants.TIMESTAMP, Instant.class);
        if (ts == null) {
            throw new EsmondValidationException(EsmondConstants.TIMESTAMP, null, "a point to average needs its time");
        }
        String series = exchange.getIn().getHeader(EsmondConstants.METADATA_KEY, "", String.class);
        LocalDate day = LocalDate.ofInstant(ts, ZoneOffset.UTC);
        Day now = days.compute(series, (k, d) -> d == null || !d.day().equals(day)
                ? new Day(day, 1, value)
                : new Day(day, d.count() + 1, d.sum() + value));
        exchange.getIn().setHeader("DailyAverageDay", day.toString());
        exchange.getIn().setHeader("DailyAverageCount", now.count());
        exchange.getIn().setHeader("DailyAverage", Math.round(now.sum() / now.count()));
    }
}
