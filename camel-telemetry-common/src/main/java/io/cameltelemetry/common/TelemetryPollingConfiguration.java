package io.cameltelemetry.common;

import io.cameltelemetry.common.http.TelemetryHttpConfiguration;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.processor.state.MemoryStateRepository;

/**
 * The options every component with a polling consumer and large reads shares, with one meaning and one default:
 * {@code streaming}, {@code maxMessagesPerPoll} and {@code stateRepository}.
 */
@UriParams
public abstract class TelemetryPollingConfiguration extends TelemetryHttpConfiguration {

    @UriParam(label = "producer", defaultValue = "true", description = "Return a result that can be large as a closeable Iterator, read from the response "
            + "as the route consumes it (constant memory: use split().streaming(), which closes it); false reads the "
            + "whole result into a List first.")
    private boolean streaming = true;
    @UriParam(label = "consumer", defaultValue = "0", description = "The most items (readings, points, records) one poll emits; 0 = every new item up to "
            + "now. The rest follow in the next polls.")
    private int maxMessagesPerPoll;
    @UriParam(label = "consumer", description = "Where the consumer keeps its cursor, advanced only after an exchange completed. Default: "
            + "in memory (lost on restart); a FileStateRepository survives restarts of one process.")
    private StateRepository<String, String> stateRepository;

    public boolean isStreaming() {
        return streaming;
    }

    public void setStreaming(boolean streaming) {
        this.streaming = streaming;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    /** The cursor store: the configured one, else (and from then on) one in memory. */
    public StateRepository<String, String> stateRepositoryOrMemory() {
        if (stateRepository == null) {
            stateRepository = new MemoryStateRepository();
        }
        return stateRepository;
    }
}
