package io.cameltelemetry.esmond.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A histogram as esmond answers it: bucket labels ({@code "34.4"}: ms for owdelay and rtt, hops for ttl) and their
 * counts, in the order of the answer. It is a read-only {@code Map<String, Long>} (what the component's docs promise
 * for histogram values), held as two arrays instead of a hash table: reading a histogram builds no map entries and
 * hashes no label, which is most of what a histogram point costs. {@link #bucket(int)}, {@link #count(int)} and
 * {@link #total()} read it without boxing. Looking a label up scans the labels (a hash index is built once for a
 * histogram of more than 16 buckets).
 */
public final class EsmondHistogram extends AbstractMap<String, Long> implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final int SCAN_LIMIT = 16;

    private final String[] buckets;
    private final long[] counts;
    private transient Map<String, Integer> index;
    private transient Set<Entry<String, Long>> entries;

    private EsmondHistogram(String[] buckets, long[] counts) {
        this.buckets = buckets;
        this.counts = counts;
    }

    /** Collects the buckets of one histogram in order. */
    public static final class Builder {
        private String[] buckets = new String[16];
        private long[] counts = new long[16];
        private int size;

        public Builder add(String bucket, long count) {
            if (size == buckets.length) {
                buckets = Arrays.copyOf(buckets, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            buckets[size] = bucket;
            counts[size] = count;
            size++;
            return this;
        }

        public EsmondHistogram build() {
            return new EsmondHistogram(Arrays.copyOf(buckets, size), Arrays.copyOf(counts, size));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A histogram of the entries of a map, in its order. */
    public static EsmondHistogram of(Map<String, ? extends Number> buckets) {
        Builder b = new Builder();
        buckets.forEach((k, v) -> b.add(k, v.longValue()));
        return b.build();
    }

    /** How many buckets. */
    @Override
    public int size() {
        return buckets.length;
    }

    /** The label of bucket {@code i}, in the answer's order. */
    public String bucket(int i) {
        return buckets[i];
    }

    /** The count of bucket {@code i}. */
    public long count(int i) {
        return counts[i];
    }

    /** The sum of the counts (the number of samples). */
    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    private int indexOf(Object key) {
        if (!(key instanceof String)) {
            return -1;
        }
        if (buckets.length > SCAN_LIMIT) {
            Map<String, Integer> i = index;
            if (i == null) {
                i = new HashMap<>(buckets.length * 2);
                for (int n = buckets.length - 1; n >= 0; n--) {
                    i.put(buckets[n], n);
                }
                index = i;
            }
            Integer at = i.get(key);
            return at == null ? -1 : at;
        }
        for (int n = 0; n < buckets.length; n++) {
            if (buckets[n] == key || buckets[n].equals(key)) {
                return n;
            }
        }
        return -1;
    }

    @Override
    public Long get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : counts[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Collection<Long> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<Long> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < counts.length;
                    }

                    @Override
                    public Long next() {
                        if (next >= counts.length) {
                            throw new NoSuchElementException();
                        }
                        return counts[next++];
                    }
                };
            }

            @Override
            public int size() {
                return counts.length;
            }
        };
    }

    @Override
    public Set<Entry<String, Long>> entrySet() {
        Set<Entry<String, Long>> e = entries;
        if (e == null) {
            e = new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Long>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < buckets.length;
                        }

                        @Override
                        public Entry<String, Long> next() {
                            if (next >= buckets.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(buckets[i], counts[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return buckets.length;
                }
            };
            entries = e;
        }
        return e;
    }
}
