package io.cameltelemetry.pylot;

import io.cameltelemetry.common.TelemetryProducer;
import io.cameltelemetry.pylot.client.PylotClient;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Groups the message body into PYLOT rows and posts them, {@code maxRowsPerRequest} rows per request, in order. Bad
 * input fails the message before anything is sent.
 */
public class PylotProducer extends TelemetryProducer {

    private final PylotEndpoint endpoint;

    public PylotProducer(PylotEndpoint endpoint) {
        super(endpoint, "PYLOT", endpoint::http);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        Object body = in.getBody();
        if (body instanceof PylotBatch aggregated) {
            sendAggregated(in, aggregated);
            return;
        }
        // one message: all or nothing, bad input fails it before anything is sent
        send(in, MeasurementCollector.toBatch(body, endpoint.defaults(in)));
    }

    /**
     * An aggregated batch: its values were validated as they arrived; entries whose message named no node or metric
     * take the endpoint's. Entries that still have none are not sent, but every other one is, before the error is
     * raised: one incomplete message must not cost the whole batch.
     */
    private void sendAggregated(Message in, PylotBatch aggregated) throws Exception {
        if (!aggregated.hasUnresolved()) {
            send(in, aggregated);
            return;
        }
        MeasurementCollector.Defaults defaults = endpoint.defaults(in);
        PylotBatch.Resolution resolution = aggregated.resolve(
                defaults.node() == null ? null : MeasurementCollector.node(defaults.node()),
                defaults.metric() == null ? null : MeasurementCollector.metric(defaults.metric()));
        PylotClient.Result result = send(in, resolution.batch());
        if (resolution.missingNode() > 0 || resolution.missingMetric() > 0) {
            String field = resolution.missingNode() > 0 ? "node" : "metric";
            throw new PylotValidationException(field, null, (resolution.missingNode() + resolution.missingMetric())
                    + " measurements of the aggregated batch named no node or metric "
                    + "(set it in the message, on PylotAggregationStrategy or on the "
                    + "endpoint) and were not sent; the other " + result.measurements()
                    + " were sent");
        }
    }

    private PylotClient.Result send(Message in, PylotBatch batch) throws Exception {
        PylotClient.Result result = endpoint.getClient().send(endpoint.getAdapter(), batch,
                endpoint.getConfiguration().getMaxRowsPerRequest());
        in.setHeader(PylotConstants.ROW_COUNT, result.rows());
        in.setHeader(PylotConstants.REQUEST_COUNT, result.requests());
        in.setHeader(PylotConstants.MEASUREMENT_COUNT, result.measurements());
        return result;
    }
}
