package io.cameltelemetry.archfx;

import java.util.List;

import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.slug.ArchFxStreamerSlug;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The reference client's report builder for Camel's aggregator: every message (ArchFxDataPoints, Maps with the record's
 * fields, a collection or JSON text of these, or a value with the {@code CamelArchFxStream} and
 * {@code CamelArchFxTimestamp} headers) becomes checked points appended to one {@link ArchFxBatch}, which
 * {@code archfx:report} uploads (as several reports when it is larger than maxReadingsPerReport). A message with a bad
 * value fails alone, when it arrives; the batch keeps the others. Correlate by device when one route feeds several.
 * With an {@code idRepository} (and the device and streamer), points are numbered here, before a persistent
 * aggregation repository stores them, so that a batch sent again after a crash is ignored by the cloud.
 */
public class ArchFxAggregationStrategy implements AggregationStrategy {

    private StateRepository<String, String> idRepository;
    private String device;
    private int streamer = 256;
    private ArchFxIds ids;
    private ArchFxStreamerSlug streamerSlug;

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Message in = newExchange.getIn();
        List<ArchFxDataPoint> points = ArchFxDataPoints.of(in.getBody(), in.getHeader(ArchFxConstants.STREAM),
                in.getHeader(ArchFxConstants.TIMESTAMP));
        if (idRepository != null) {
            points = ids().assign(streamerSlug, points);
        }
        Exchange target = oldExchange != null ? oldExchange : newExchange;
        ArchFxBatch batch = oldExchange != null ? oldExchange.getIn().getBody(ArchFxBatch.class) : null;
        if (batch == null) {
            batch = new ArchFxBatch();
            target.getIn().setBody(batch);
            // the points carry their streams and times now: these headers must not apply to the batch again
            target.getIn().removeHeaders("CamelArchFx(Stream|Timestamp)");
        }
        batch.addAll(points);
        return target;
    }

    private synchronized ArchFxIds ids() {
        if (ids == null) {
            if (device == null) {
                throw new ArchFxValidationException("device", null,
                        "an ArchFxAggregationStrategy with an idRepository needs the device (and streamer)");
            }
            ServiceHelper.startService(idRepository);
            streamerSlug = ArchFxStreamerSlug.of(ArchFxEndpoint.device(device), streamer);
            ids = new ArchFxIds(idRepository);
        }
        return ids;
    }

    /**
     * Where the reading ids are counted (the same repository and device/streamer as the report endpoint's). When set,
     * points get their ids here, as they are aggregated, so a batch a persistent aggregation repository sends again
     * after a crash carries the same ids and the cloud ignores what it has: re-sending is harmless.
     */
    public void setIdRepository(StateRepository<String, String> idRepository) {
        this.idRepository = idRepository;
    }

    public StateRepository<String, String> getIdRepository() {
        return idRepository;
    }

    /** The device of the reports (with idRepository). */
    public void setDevice(String device) {
        this.device = device;
    }

    public String getDevice() {
        return device;
    }

    /** The streamer index of the reports (with idRepository; default 256). */
    public void setStreamer(int streamer) {
        this.streamer = streamer;
    }

    public int getStreamer() {
        return streamer;
    }
}
