package io.cameltelemetry.archfx.slug;

import java.io.Serial;
import java.io.Serializable;
import java.math.BigInteger;

/**
 * An ArchFX device (or machine) slug: {@code d--XXXX-XXXX-XXXX-XXXX}, 64 bits, the top 16 of which are the block.
 * Immutable; equal and hashed by its canonical slug, which {@link #toString()} returns. {@link #id()} is what a
 * report's {@code device} field carries (unsigned: ids of 2^63 and more are negative longs; see {@link #bigId()}).
 * <p>
 * Input forms (spec 8.2): a number {@code 0 <= id < 16^16} ({@code < 16^12} when 64-bit ids are not allowed); hex
 * text ({@code "000a"}); {@code d--} or {@code m--} followed by hex (an {@code m--} machine slug is printed as
 * {@code d--}; {@code d--1} is {@code d--0000-0000-0000-0001}; as in the reference, every {@code -} of the id is
 * dropped, so the short form with elided zero groups {@code d--0000--0001} is {@code d--0000-0000-0000-0001} too). Differences from the reference: hex is parsed
 * strictly; the range message says the limit that applies ({@code 16^16} or {@code 16^12}; the reference always says
 * {@code 16^12}).
 */
public final class ArchFxDeviceSlug implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String WHAT = "ArchFxDeviceSlug";

    private final long id;

    private ArchFxDeviceSlug(long id) {
        this.id = id;
    }

    private static long check(Object input, BigInteger id, boolean allow64Bits) {
        return ArchFxGid.inRange(WHAT, input, id, allow64Bits ? 64 : 48, "UUID should be greater or equal than zero "
                + "and less than " + (allow64Bits ? "16^16" : "16^12"));
    }

    public static ArchFxDeviceSlug of(long id) {
        return of(id, true);
    }

    public static ArchFxDeviceSlug of(int id) {
        return of((long) id, true);
    }

    public static ArchFxDeviceSlug of(long id, boolean allow64Bits) {
        return new ArchFxDeviceSlug(check(id, BigInteger.valueOf(id), allow64Bits));
    }

    public static ArchFxDeviceSlug of(BigInteger id) {
        return of(id, true);
    }

    public static ArchFxDeviceSlug of(BigInteger id, boolean allow64Bits) {
        if (id == null) {
            throw new IllegalArgumentException(WHAT + ": invalid null: give a number or a slug such as d--0000-0000-0000-0001");
        }
        return new ArchFxDeviceSlug(check(id, id, allow64Bits));
    }

    /** From a block (top 16 bits) and a 48-bit device number. */
    public static ArchFxDeviceSlug of(int block, long device) {
        if (block < 0 || block > 0xFFFF || device < 0 || device >= 1L << 48) {
            throw new IllegalArgumentException(WHAT + ": invalid block " + block + " / device " + device
                    + ": the block is below 16^4 and the device below 16^12");
        }
        return new ArchFxDeviceSlug(((long) block << 48) | device);
    }

    public static ArchFxDeviceSlug parse(String text) {
        return parse(text, true);
    }

    /** Parses {@code d--...}, {@code m--...} or hex text. */
    public static ArchFxDeviceSlug parse(String text, boolean allow64Bits) {
        if (text == null) {
            throw new IllegalArgumentException(WHAT + ": invalid null: give a slug such as d--0000-0000-0000-0001");
        }
        String term = text;
        int sep = text.indexOf("--");
        if (sep >= 0) {
            String prefix = text.substring(0, sep);
            term = text.substring(sep + 2);
            if (!prefix.equals("d") && !prefix.equals("m")) {
                throw new IllegalArgumentException(WHAT + ": invalid '" + text + "': must start with a \"d\" or \"m\" "
                        + "(d-- and one hex id)");
            }
        }
        return new ArchFxDeviceSlug(check(text, ArchFxGid.hex(WHAT, text, term), allow64Bits));
    }

    /** Any form: an ArchFxDeviceSlug, a Number or text. */
    public static ArchFxDeviceSlug from(Object value) {
        return ArchFxGid.from(WHAT, value, ArchFxDeviceSlug.class, ArchFxDeviceSlug::of, ArchFxDeviceSlug::of,
                ArchFxDeviceSlug::parse);
    }

    /** The 64-bit id, unsigned (a report's {@code device}). */
    public long id() {
        return id;
    }

    /** The id as a non-negative BigInteger. */
    public BigInteger bigId() {
        return new BigInteger(Long.toUnsignedString(id));
    }

    /** {@code d}. */
    public String type() {
        return "d";
    }

    /** The top 16 bits. */
    public int block() {
        return (int) (id >>> 48);
    }

    /** The part after {@code d--}: 4 groups. */
    public String formattedId() {
        return ArchFxGid.int64gid(id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchFxDeviceSlug d && d.id == id;
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "d--" + formattedId();
    }
}
