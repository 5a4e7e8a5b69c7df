package io.cameltelemetry.pylot;

import io.cameltelemetry.pylot.client.PylotClient;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Groups the message body into PYLOT rows and posts them, {@code maxRowsPerRequest} rows per request, in order. Bad
 * input fails the message before anything is sent.
 */
public class PylotProducer extends DefaultProducer {

    private final PylotEndpoint endpoint;

    public PylotProducer(PylotEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        Object body = in.getBody();
        PylotBatch batch = body instanceof PylotBatch ready && !ready.hasUnresolved()
                ? ready
                : MeasurementCollector.toBatch(body, endpoint.defaults(in));
        PylotClient.Result result = endpoint.getClient().send(endpoint.getAdapter(), batch,
                endpoint.getConfiguration().getMaxRowsPerRequest());
        in.setHeader(PylotConstants.ROWS_SENT, result.rows());
        in.setHeader(PylotConstants.REQUEST_COUNT, result.requests());
        in.setHeader(PylotConstants.MEASUREMENTS_SENT, result.measurements());
    }
}
