package io.cameltelemetry.initialstate;

import java.util.List;

import io.cameltelemetry.common.TelemetryProducer;
import io.cameltelemetry.initialstate.client.InitialStateClient;
import io.cameltelemetry.initialstate.client.InitialStateJson;
import io.cameltelemetry.initialstate.model.InitialStateEvent;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Turns the message body into checked events (bad input fails the message before anything is sent), splits them into
 * requests under the API's limits and sends them in order to the bucket; what still fails for a transient reason goes
 * to the spill file, when one is configured.
 */
public class InitialStateProducer extends TelemetryProducer {

    private final InitialStateEndpoint endpoint;

    public InitialStateProducer(InitialStateEndpoint endpoint) {
        super(endpoint, "Initial State", endpoint::http);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        InitialStateConfiguration config = endpoint.getConfiguration();
        List<InitialStateEvent> events;
        if (in.getBody() instanceof InitialStateBatch batch) {
            events = batch.events();
        } else {
            Object keyHeader = in.getHeader(InitialStateConstants.KEY);
            Object prefixHeader = in.getHeader(InitialStateConstants.KEY_PREFIX);
            events = InitialStateEvents.of(in.getBody(), new InitialStateEvents.Context(
                    keyHeader != null ? keyHeader.toString() : config.getKey(),
                    prefixHeader != null ? prefixHeader.toString() : config.getKeyPrefix(),
                    InitialStateEvents.epoch(in.getHeader(InitialStateConstants.TIMESTAMP)), config.getMaxKeyLength()));
        }
        String bucket = in.getHeader(InitialStateConstants.BUCKET_KEY, endpoint.getBucketKey(), String.class);
        in.setHeader(InitialStateConstants.EVENT_COUNT, events.size());
        if (events.isEmpty()) {
            in.setHeader(InitialStateConstants.REQUEST_COUNT, 0);
            in.setHeader(InitialStateConstants.SPILLED_EVENT_COUNT, 0);
            return;
        }
        endpoint.ensureBucket(bucket, in.getHeader(InitialStateConstants.BUCKET_NAME, String.class));
        List<byte[]> bodies = InitialStateJson.bodies(events, config.getMaxEventsPerRequest(),
                InitialStateConfiguration.MAX_BODY_BYTES);
        InitialStateClient.Sent sent = endpoint.client().send(bucket, bodies);
        in.setHeader(InitialStateConstants.REQUEST_COUNT, sent.requests());
        in.setHeader(InitialStateConstants.SPILLED_EVENT_COUNT, sent.spilledEvents());
        if (sent.spilledEvents() == 0) {
            endpoint.replaySoon();
        }
    }
}
