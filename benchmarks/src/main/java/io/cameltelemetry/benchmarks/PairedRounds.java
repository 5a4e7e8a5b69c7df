package io.cameltelemetry.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;

/** What the harnesses share: a timed phase with its peak heap, and the median of paired rounds. */
final class PairedRounds {

    private PairedRounds() {
    }

    /** One side of a round. */
    @FunctionalInterface
    interface Round {
        void run() throws Exception;
    }

    /**
     * Items per second of one phase (after a GC); records the peak heap seen during it (the sum of the heap pools' peak
     * usage) in {@code peaks[slot]}.
     */
    static double phase(long items, Round round, long[] peaks, int slot) throws Exception {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        round.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        peaks[slot] = peak;
        return items / seconds;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
