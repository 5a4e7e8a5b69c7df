package io.cameltelemetry.esmond;

import java.util.List;

import io.cameltelemetry.esmond.model.EsmondDataPoint;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Builds the batch of an {@code esmond:bulk} PUT with Camel's aggregator: every message (a value with the
 * {@code CamelEsmondEventType} and {@code CamelEsmondTimestamp} headers, an {@link EsmondDataPoint}, a {ts, val} Map, or
 * a collection of points) becomes checked points appended to one {@link EsmondBatch}. A message with a bad value or an
 * unknown event type fails alone, when it arrives; the batch keeps the others. The bulk producer groups the points by
 * ts in first-seen order.
 * <p>
 * A batch goes to one metadata: correlate by the {@code CamelEsmondMetadataKey} header (or a constant when all go to
 * the endpoint's metadataKey).
 */
public class EsmondAggregationStrategy implements AggregationStrategy {

    private String eventType;

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Message in = newExchange.getIn();
        Object header = in.getHeader(EsmondConstants.EVENT_TYPE);
        List<EsmondDataPoint> points = EsmondPoints.of(in.getBody(), in.getHeader(EsmondConstants.TIMESTAMP),
                header != null ? header.toString() : eventType, true);
        Exchange target = oldExchange != null ? oldExchange : newExchange;
        EsmondBatch batch = oldExchange != null ? oldExchange.getIn().getBody(EsmondBatch.class) : null;
        if (batch == null) {
            batch = new EsmondBatch();
            target.getIn().setBody(batch);
            // the points carry their event types and times now: these headers must not apply to the batch again
            target.getIn().removeHeaders("CamelEsmond(EventType|Timestamp)");
        }
        batch.addAll(points);
        return target;
    }

    /** The event type of messages without a CamelEsmondEventType header (and points without their own). */
    public String getEventType() {
        return eventType;
    }

    public void setEventType(String eventType) {
        this.eventType = eventType;
    }
}
