package io.cameltelemetry.archfx.slug;

import java.io.Serial;
import java.io.Serializable;
import java.math.BigInteger;

/**
 * An ArchFX streamer slug: {@code t--<device 4 groups>--<index 4 hex>}: a device's streamer (the producer of reports;
 * with the device it forms the key the cloud de-duplicates reading ids by). Immutable; equal and hashed by its
 * canonical slug. The index is masked to 16 bits, as the reference does.
 */
public final class ArchFxStreamerSlug implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String WHAT = "ArchFxStreamerSlug";

    private final ArchFxDeviceSlug device;
    private final int index;

    private ArchFxStreamerSlug(ArchFxDeviceSlug device, int index) {
        this.device = device;
        this.index = index;
    }

    public static ArchFxStreamerSlug of(ArchFxDeviceSlug device, long index) {
        if (device == null) {
            throw new IllegalArgumentException(WHAT + ": Unknown device specifier, must be string, int or "
                    + "ArchFxDeviceSlug (got null)");
        }
        return new ArchFxStreamerSlug(device, (int) (index & 0xFFFF));
    }

    /** A device number (all 64 bits) and an index. */
    public static ArchFxStreamerSlug of(long device, long index) {
        return new ArchFxStreamerSlug(ArchFxDeviceSlug.of(new BigInteger(Long.toUnsignedString(device))),
                (int) (index & 0xFFFF));
    }

    /** A device slug or hex text and an index. */
    public static ArchFxStreamerSlug of(String device, long index) {
        return of(ArchFxDeviceSlug.parse(device), index);
    }

    /** Parses {@code t--0000-0000-0000-0001--0001}. */
    public static ArchFxStreamerSlug parse(String text) {
        String[] terms = text == null ? new String[0] : text.split("--", -1);
        if (terms.length != 3 || !terms[0].equals("t")) {
            throw new IllegalArgumentException(WHAT + ": invalid '" + text + "': must be t--<device>--<index>");
        }
        return of(ArchFxDeviceSlug.parse(terms[1]), ArchFxGid.hex(WHAT, text, terms[2]).longValue());
    }

    public ArchFxDeviceSlug device() {
        return device;
    }

    public int index() {
        return index;
    }

    /** {@code t}. */
    public String type() {
        return "t";
    }

    /** The index as 4 hex digits. */
    public String indexHex() {
        return ArchFxGid.int16gid(index);
    }

    /** The part after {@code t--}. */
    public String formattedId() {
        return device.formattedId() + "--" + indexHex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchFxStreamerSlug s && s.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "t--" + formattedId();
    }
}
