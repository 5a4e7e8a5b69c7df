package io.cameltelemetry.dcs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cameltelemetry.common.TelemetryProducer;
import io.cameltelemetry.dcs.client.DcsReadingIterator;
import io.cameltelemetry.dcs.model.DcsReading;
import io.cameltelemetry.dcs.model.DcsReadingsInfo;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * readings: a closeable {@code Iterator<DcsReading>} read from the response stream (or a List with streaming=false);
 * meters/virtualMeters: a List of the model records; status: the server's JSON as a Map. Arguments are checked before
 * any I/O.
 */
public class DcsProducer extends TelemetryProducer {

    private final DcsEndpoint endpoint;

    public DcsProducer(DcsEndpoint endpoint) {
        super(endpoint, "DCS", () -> endpoint.client() == null ? null : endpoint.client().http());
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        switch (endpoint.getOperation()) {
            case readings -> readings(exchange, in);
            case meters -> list(in, endpoint.client().meters());
            case virtualMeters -> list(in, endpoint.client().virtualMeters());
            case status -> in.setBody(endpoint.client().status());
        }
    }

    private static void list(Message in, List<?> items) {
        in.setBody(items);
        in.setHeader(DcsConstants.READING_COUNT, items.size());
    }

    private void readings(Exchange exchange, Message in) throws Exception {
        DcsConfiguration config = endpoint.getConfiguration();
        Object periodHeader = in.getHeader(DcsConstants.PERIOD_TYPE);
        DcsPeriodType period = periodHeader != null ? DcsPeriodType.of(String.valueOf(periodHeader)) : endpoint.period();
        Object idHeader = in.getHeader(DcsConstants.ID);
        DcsReadingsQuery query = idHeader != null || periodHeader != null || endpoint.defaultQuery() == null
                ? endpoint.query(idHeader != null ? idHeader : config.getId(), period)
                : endpoint.defaultQuery();
        Object startHeader = in.getHeader(DcsConstants.START_TIME);
        Object endHeader = in.getHeader(DcsConstants.END_TIME);
        Instant start = startHeader != null ? DcsTimes.toInstant("startTime", startHeader) : endpoint.startTime();
        Instant end = endHeader != null ? DcsTimes.toInstant("endTime", endHeader) : endpoint.endTime();
        Object countHeader = in.getHeader(DcsConstants.PERIOD_COUNT);
        Integer count = countHeader != null
                ? exchange.getContext().getTypeConverter().mandatoryConvertTo(Integer.class, countHeader)
                : config.getPeriodCount();
        DcsReadingsQuery.Range range = query.range(start, end, count);

        DcsReadingIterator readings = endpoint.openReadings(query, range);
        DcsReadingsInfo info = readings.info();
        if (info != null) {
            in.setHeader(DcsConstants.NAME, info.name());
            in.setHeader(DcsConstants.UNIT, info.unit());
        }
        if (config.isStreaming()) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    readings.close();
                }
            });
            in.setBody(readings);
        } else {
            List<DcsReading> all = new ArrayList<>();
            try (readings) {
                readings.forEachRemaining(all::add);
            }
            in.setBody(all);
            in.setHeader(DcsConstants.READING_COUNT, all.size());
        }
    }
}
