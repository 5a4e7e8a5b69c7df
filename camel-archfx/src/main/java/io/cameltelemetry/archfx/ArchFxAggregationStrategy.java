package io.cameltelemetry.archfx;

import java.util.List;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The reference client's report builder for Camel's aggregator: every message (ArchFxDataPoints, Maps with the record's
 * fields, a collection or JSON text of these, or a value with the {@code CamelArchfxStream} and
 * {@code CamelArchfxTimestamp} headers) becomes checked points appended to one {@link ArchFxBatch}, which
 * {@code archfx:report} uploads (as several reports when it is larger than maxReadingsPerReport). A message with a bad
 * value fails alone, when it arrives; the batch keeps the others. Correlate by device when one route feeds several.
 */
public class ArchFxAggregationStrategy implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Message in = newExchange.getIn();
        List<ArchFxDataPoint> points = ArchFxDataPoints.of(in.getBody(), in.getHeader(ArchFxConstants.STREAM),
                in.getHeader(ArchFxConstants.TIMESTAMP));
        Exchange target = oldExchange != null ? oldExchange : newExchange;
        ArchFxBatch batch = oldExchange != null ? oldExchange.getIn().getBody(ArchFxBatch.class) : null;
        if (batch == null) {
            batch = new ArchFxBatch();
            target.getIn().setBody(batch);
            // the points carry their streams and times now: these headers must not apply to the batch again
            target.getIn().removeHeaders("CamelArchfx(Stream|Timestamp)");
        }
        batch.addAll(points);
        return target;
    }
}
