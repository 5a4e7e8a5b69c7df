package io.cameltelemetry.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

import com.sun.management.ThreadMXBean;
import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.report.ArchFxReportEncoder;
import io.cameltelemetry.archfx.slug.ArchFxDeviceSlug;
import io.cameltelemetry.archfx.slug.ArchFxVariableId;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * ArchFX v200 report encoding, in one run: 1,000,000 data points as 100 reports of 10,000,
 * <ol>
 * <li>(a) a bare {@link MessagePacker} loop writing the same bytes (keys, values and timestamp strings precomputed
 * nowhere: both sides format the timestamps);</li>
 * <li>(b) {@link ArchFxReportEncoder#encode}.</li>
 * </ol>
 * Both write into a CRC32 sink (no buffer grows); the first round checks that the bytes are identical. Rounds are
 * paired and alternate which side goes first; the ratio is the median of the per-round ratios. Allocation per point is
 * the thread's allocated bytes (com.sun.management.ThreadMXBean) over the round divided by the points.
 */
public final class ArchFxEncoding {

    private static final int REPORTS = 100;
    private static final int PER_REPORT = 10_000;
    private static final long POINTS = (long) REPORTS * PER_REPORT;

    private ArchFxEncoding() {
    }

    /** An OutputStream that only checksums. */
    private static final class CrcSink extends OutputStream {
        final CRC32 crc = new CRC32();

        @Override
        public void write(int b) {
            crc.update(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
        }
    }

    static int run(String[] args) throws Exception {
        int rounds = 7;
        int warmup = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ArchFxDeviceSlug device = ArchFxDeviceSlug.parse("d--0000-0000-0000-0abc");
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        List<List<ArchFxDataPoint>> reports = new ArrayList<>();
        long id = 1;
        for (int r = 0; r < REPORTS; r++) {
            List<ArchFxDataPoint> points = new ArrayList<>(PER_REPORT);
            for (int i = 0; i < PER_REPORT; i++) {
                Map<String, Object> summary = i % 10 == 0 ? Map.of("min", 1.5, "max", 2.5) : null;
                points.add(new ArchFxDataPoint(t0.plusMillis(id * 250), ArchFxVariableId.of(0x10000 | (0x5001 + i % 8)),
                        i * 0.5, summary, null, id++));
            }
            reports.add(points);
        }
        CrcSink a = new CrcSink();
        CrcSink b = new CrcSink();
        bare(device, reports, a);
        encoder(device, reports, b);
        if (a.crc.getValue() != b.crc.getValue()) {
            throw new IllegalStateException("the bare loop and the encoder wrote different bytes");
        }
        System.out.printf(Locale.ROOT, "%,d points in %d reports; the bare loop and the encoder write identical bytes%n",
                POINTS, REPORTS);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] raw = new double[rounds];
        double[] enc = new double[rounds];
        double[] ratios = new double[rounds];
        double[] allocRaw = new double[rounds];
        double[] allocEnc = new double[rounds];
        long me = Thread.currentThread().getId();
        for (int r = -warmup; r < rounds; r++) {
            long[] alloc = new long[2];
            long[] peaks = new long[2];
            double x;
            double y;
            PairedRounds.Round bareRound = () -> {
                long before = threads.getThreadAllocatedBytes(me);
                bare(device, reports, new CrcSink());
                alloc[0] = threads.getThreadAllocatedBytes(me) - before;
            };
            PairedRounds.Round encRound = () -> {
                long before = threads.getThreadAllocatedBytes(me);
                encoder(device, reports, new CrcSink());
                alloc[1] = threads.getThreadAllocatedBytes(me) - before;
            };
            if ((r & 1) == 0) {
                x = PairedRounds.phase(POINTS, bareRound, peaks, 0);
                y = PairedRounds.phase(POINTS, encRound, peaks, 1);
            } else {
                y = PairedRounds.phase(POINTS, encRound, peaks, 1);
                x = PairedRounds.phase(POINTS, bareRound, peaks, 0);
            }
            System.out.printf(Locale.ROOT, "%s round %2d: (a) bare %,12.0f points/s, %5.1f B/point  (b) encoder "
                    + "%,12.0f points/s, %5.1f B/point  ratio %5.1f %%%n", r < 0 ? "warm-up " : "measured",
                    r < 0 ? r + warmup + 1 : r + 1, x, (double) alloc[0] / POINTS, y, (double) alloc[1] / POINTS,
                    y / x * 100);
            if (r >= 0) {
                raw[r] = x;
                enc[r] = y;
                ratios[r] = y / x;
                allocRaw[r] = (double) alloc[0] / POINTS;
                allocEnc[r] = (double) alloc[1] / POINTS;
            }
        }
        double ratio = PairedRounds.median(ratios);
        System.out.printf(Locale.ROOT, "%nArchFX v200 encoding, %,d points as %d reports of %,d, median of %d rounds:%n",
                POINTS, REPORTS, PER_REPORT, rounds);
        System.out.printf(Locale.ROOT, "  (a) bare MessagePacker loop : %,14.0f points/s, %.1f B allocated/point%n",
                PairedRounds.median(raw), PairedRounds.median(allocRaw));
        System.out.printf(Locale.ROOT, "  (b) ArchFxReportEncoder     : %,14.0f points/s, %.1f B allocated/point%n",
                PairedRounds.median(enc), PairedRounds.median(allocEnc));
        System.out.printf(Locale.ROOT, "  ratio (b)/(a)               : %13.1f %%  (target >= 90 %%: %s)%n", ratio * 100,
                ratio >= 0.9 ? "met" : "NOT met");
        return 0;
    }

    private static void encoder(ArchFxDeviceSlug device, List<List<ArchFxDataPoint>> reports, OutputStream out)
            throws IOException {
        long seq = 1;
        for (List<ArchFxDataPoint> points : reports) {
            ArchFxReportEncoder.encode(new ArchFxReportEncoder.Header(device, 256, 0xFFFF, seq++, Instant.parse(
                    "2024-01-02T00:00:00Z")), points, out);
        }
    }

    /** The same bytes, written with a MessagePacker by hand. */
    private static void bare(ArchFxDeviceSlug device, List<List<ArchFxDataPoint>> reports, OutputStream out)
            throws IOException {
        long seq = 1;
        for (List<ArchFxDataPoint> points : reports) {
            long lowest = points.get(0).readingId();
            long highest = points.get(points.size() - 1).readingId();
            MessagePacker p = MessagePack.newDefaultPacker(out);
            p.packMapHeader(9);
            p.packString("format").packString("v200");
            p.packString("device").packLong(device.id());
            p.packString("streamer_index").packLong(256);
            p.packString("streamer_selector").packLong(0xFFFF);
            p.packString("seqid").packLong(seq++);
            p.packString("lowest_id").packLong(lowest);
            p.packString("highest_id").packLong(highest);
            p.packString("sent_timestamp").packString(ArchFxReportEncoder.timestamp(Instant.parse("2024-01-02T00:00:00Z")));
            p.packString("events").packArrayHeader(points.size());
            for (ArchFxDataPoint d : points) {
                p.packMapHeader(6);
                p.packString("stream").packLong(d.stream().id());
                p.packString("dev_seqid").packLong(d.readingId());
                p.packString("timestamp").packString(ArchFxReportEncoder.timestamp(d.timestamp()));
                p.packString("value").packDouble(d.value());
                p.packString("extra_data");
                if (d.summaryData() == null) {
                    p.packMapHeader(0);
                } else {
                    p.packMapHeader(d.summaryData().size());
                    for (Map.Entry<String, Object> e : d.summaryData().entrySet()) {
                        p.packString(e.getKey()).packDouble(((Number) e.getValue()).doubleValue());
                    }
                }
                p.packString("data").packNil();
            }
            p.flush();
        }
    }
}
