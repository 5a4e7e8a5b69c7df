package io.cameltelemetry.pylot;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Camel's aggregator as PYLOT's measurements accumulator: merges the measurements of every incoming message (any body
 * the {@code pylot} producer accepts, with its {@code CamelPylotNode}/{@code CamelPylotMetric}/{@code
 * CamelPylotTimestamp} headers) into one {@link PylotBatch} body, grouped into rows by node and timestamp with the last
 * value winning. The aggregator's completion (size, interval, timeout, on stop) is the flush:
 *
 * <pre>
 * from("direct:measurements")
 *     .aggregate(constant(true), new PylotAggregationStrategy())
 *         .completionSize(1000).completionInterval(10_000).forceCompletionOnStop()
 *     .to("pylot:my-adapter?username=RAW(...)&amp;password=RAW(...)");
 * </pre>
 *
 * A message with bad input (NaN, a non-number, a bad timestamp) fails on its own with a
 * {@link PylotValidationException}; the batch keeps everything accepted before and after it. Timestamps missing from
 * a message are taken as the time it is aggregated. A node or metric that neither the message nor this strategy's
 * {@link #setNode(String) node}/{@link #setMetric(String) metric} give is left to the pylot endpoint's options.
 * <p>
 * The greenhouse time zone (for zoned timestamps and "now") is this strategy's {@link #setZoneId(String) zoneId},
 * else the {@code pylot} component's {@code zoneId}, else the JVM's default zone.
 */
public class PylotAggregationStrategy implements AggregationStrategy, CamelContextAware {

    private CamelContext camelContext;
    private ZoneId zone;
    private String node;
    private String metric;
    private Clock clock = Clock.systemDefaultZone();

    public PylotAggregationStrategy() {
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Message in = newExchange.getIn();
        MeasurementCollector.Defaults defaults = defaults(in);
        Object body = in.getBody();
        if (oldExchange == null) {
            PylotBatch batch = new PylotBatch();
            MeasurementCollector.collect(body, defaults, true, MeasurementCollector.into(batch));
            in.setBody(batch);
            removeMeasurementHeaders(in);
            return newExchange;
        }
        PylotBatch batch = oldExchange.getIn().getBody(PylotBatch.class);
        if (MeasurementCollector.isAtomic(body)) {
            // one measurement or one row: validated before the batch sees it
            MeasurementCollector.collect(body, defaults, true, MeasurementCollector.into(batch));
        } else {
            // all or nothing: a bad value anywhere in this message leaves the batch as it was
            PylotBatch incoming = new PylotBatch();
            MeasurementCollector.collect(body, defaults, true, MeasurementCollector.into(incoming));
            batch.addAll(incoming);
        }
        return oldExchange;
    }

    private MeasurementCollector.Defaults defaults(Message in) {
        Object n = in.getHeader(PylotConstants.NODE);
        Object m = in.getHeader(PylotConstants.METRIC);
        return new MeasurementCollector.Defaults(n != null ? n : node, m != null ? m : metric,
                in.getHeader(PylotConstants.TIMESTAMP), zone(), clock);
    }

    private ZoneId zone() {
        ZoneId z = zone;
        if (z == null) {
            String componentZone = null;
            if (camelContext != null && camelContext.getComponent("pylot") instanceof PylotComponent pylot) {
                componentZone = pylot.getConfiguration().getZoneId();
            }
            z = componentZone == null || componentZone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(componentZone.trim());
            zone = z;
        }
        return z;
    }

    private static void removeMeasurementHeaders(Message in) {
        in.removeHeader(PylotConstants.NODE);
        in.removeHeader(PylotConstants.METRIC);
        in.removeHeader(PylotConstants.TIMESTAMP);
    }

    /** The greenhouse time zone for zoned timestamps and "now"; default: the JVM's. */
    public void setZoneId(String zoneId) {
        try {
            this.zone = ZoneId.of(zoneId);
        } catch (DateTimeException e) {
            throw new PylotValidationException("zoneId", zoneId, "not a known time zone id such as Europe/Amsterdam");
        }
    }

    public String getZoneId() {
        return zone == null ? null : zone.getId();
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Default node for messages that name none (else the pylot endpoint's node option applies). */
    public void setNode(String node) {
        this.node = node;
    }

    public String getNode() {
        return node;
    }

    /** Default metric for single-number messages that name none (else the endpoint's metric option applies). */
    public void setMetric(String metric) {
        this.metric = metric;
    }

    public String getMetric() {
        return metric;
    }

    /** The clock "now" is read from; for tests. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
