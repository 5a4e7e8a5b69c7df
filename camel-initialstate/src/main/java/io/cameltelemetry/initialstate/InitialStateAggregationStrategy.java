package io.cameltelemetry.initialstate;

import java.time.Instant;
import java.util.List;

import io.cameltelemetry.initialstate.model.InitialStateEvent;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * ISStreamer's buffer for Camel's aggregator: every message (any body the {@code initialstate} producer accepts, with
 * its {@code CamelInitialStateKey}/{@code CamelInitialStateTimestamp}/{@code CamelInitialStateKeyPrefix} headers) becomes
 * checked events appended to one {@link InitialStateBatch}. {@code buffer_size} and {@code flush()} become the
 * aggregator's completionSize, completionInterval and completion on stop. A message with a bad value fails alone, when
 * it arrives; the batch keeps the others.
 * <p>
 * Messages for different buckets need different correlation keys (for example the {@code CamelInitialStateBucketKey}
 * header): a batch goes to one bucket, the one its first message names (or the endpoint's).
 */
public class InitialStateAggregationStrategy implements AggregationStrategy {

    private String key;
    private String keyPrefix;
    private int maxKeyLength = 250;

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Message in = newExchange.getIn();
        Object body = in.getBody();
        Object keyHeader = in.getHeader(InitialStateConstants.KEY);
        String messageKey = keyHeader != null ? keyHeader.toString() : key;
        Instant epoch = InitialStateEvents.epoch(in.getHeader(InitialStateConstants.TIMESTAMP));
        // the usual message, one value: one event, without the list and context of a flattened body
        InitialStateEvent one = null;
        List<InitialStateEvent> events = null;
        if (InitialStateEvents.isScalar(body)) {
            one = InitialStateEvents.scalar(messageKey, body, epoch, maxKeyLength);
        } else {
            Object prefixHeader = in.getHeader(InitialStateConstants.KEY_PREFIX);
            events = InitialStateEvents.of(body, new InitialStateEvents.Context(messageKey,
                    prefixHeader != null ? prefixHeader.toString() : keyPrefix, epoch, maxKeyLength));
        }
        Exchange target = oldExchange != null ? oldExchange : newExchange;
        InitialStateBatch batch = oldExchange != null ? oldExchange.getIn().getBody(InitialStateBatch.class) : null;
        if (batch == null) {
            batch = new InitialStateBatch();
            target.getIn().setBody(batch);
            // the events carry their keys and epochs now: these headers must not apply to the batch again
            target.getIn().removeHeaders("CamelInitialState(Key|KeyPrefix|Epoch)");
        }
        if (one != null) {
            batch.add(one);
        } else {
            batch.addAll(events);
        }
        return target;
    }

    /** Default key of single-value messages without a CamelInitialStateKey header. */
    public void setKey(String key) {
        this.key = key;
    }

    public String getKey() {
        return key;
    }

    /** Key prefix of flattened bodies (unset: the type's default; empty: none). */
    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    /** The longest key accepted (default 250). */
    public void setMaxKeyLength(int maxKeyLength) {
        this.maxKeyLength = maxKeyLength;
    }

    public int getMaxKeyLength() {
        return maxKeyLength;
    }
}
