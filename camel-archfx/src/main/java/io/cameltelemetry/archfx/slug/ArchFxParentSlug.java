package io.cameltelemetry.archfx.slug;

import java.io.Serial;
import java.io.Serializable;
import java.math.BigInteger;

/**
 * An ArchFX parent (site {@code ps}, area {@code pa} or line {@code pl}) slug: {@code pl--XXXX-XXXX}, 32 bits. 0 is
 * legal ("no parent"). Immutable; equal and hashed by its canonical slug, which {@link #toString()} returns.
 * <p>
 * Input forms (spec 8.1): a number {@code 0 <= id < 16^8} with a type (default {@code pl}); hex text without
 * {@code --} (type given or {@code pl}); {@code ps--}, {@code pa--} or {@code pl--} followed by hex ({@code pl--1} is
 * {@code pl--0000-0001}). Differences from the reference: the type must be {@code pl}, {@code ps} or {@code pa} (the
 * reference also lets a parent slug carry the device/block/group prefixes {@code d b g m}); hex is parsed strictly.
 */
public final class ArchFxParentSlug implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String WHAT = "ArchFxProjectSlug";
    private static final String RANGE = "UUID should be greater or equal than zero and less than 16^8";

    private final String type;
    private final long id;

    private ArchFxParentSlug(String type, long id) {
        this.type = type;
        this.id = id;
    }

    private static String checkType(String type) {
        if (!"pl".equals(type) && !"ps".equals(type) && !"pa".equals(type)) {
            throw new IllegalArgumentException(WHAT + ": invalid type '" + type
                    + "': a parent slug is pl (line), pa (area) or ps (site)");
        }
        return type;
    }

    /** A line ({@code pl}) slug. */
    public static ArchFxParentSlug of(long id) {
        return of(id, "pl");
    }

    public static ArchFxParentSlug of(int id) {
        return of((long) id);
    }

    public static ArchFxParentSlug of(long id, String type) {
        return new ArchFxParentSlug(checkType(type), ArchFxGid.inRange(WHAT, id, BigInteger.valueOf(id), 32, RANGE));
    }

    public static ArchFxParentSlug of(BigInteger id) {
        return of(id, "pl");
    }

    public static ArchFxParentSlug of(BigInteger id, String type) {
        if (id == null) {
            throw new IllegalArgumentException(WHAT + ": invalid null: give a number or a slug such as pl--0000-0001");
        }
        return new ArchFxParentSlug(checkType(type), ArchFxGid.inRange(WHAT, id, id, 32, RANGE));
    }

    /**
     * Parses {@code pl--0000-0001}, {@code pa--1}, the short form with elided zero groups {@code pl--0000--0001}
     * (every {@code -} of the id is dropped, as in the reference), or hex text (then a line).
     */
    public static ArchFxParentSlug parse(String text) {
        return parse(text, "pl");
    }

    /** Parses a slug; hex text without a prefix gets {@code type}. */
    public static ArchFxParentSlug parse(String text, String type) {
        if (text == null) {
            throw new IllegalArgumentException(WHAT + ": invalid null: give a slug such as pl--0000-0001");
        }
        String t = type;
        String term = text;
        int sep = text.indexOf("--");
        if (sep >= 0) {
            t = text.substring(0, sep);
            term = text.substring(sep + 2);
            if (!t.equals("pl") && !t.equals("ps") && !t.equals("pa")) {
                throw new IllegalArgumentException(WHAT + ": invalid '" + text + "': must start with a \"p\" (pl--, "
                        + "pa-- or ps-- and one hex id)");
            }
        }
        return new ArchFxParentSlug(checkType(t), ArchFxGid.inRange(WHAT, text, ArchFxGid.hex(WHAT, text, term), 32,
                RANGE));
    }

    /** Any form: an ArchFxParentSlug, a Number (a line) or text. */
    public static ArchFxParentSlug from(Object value) {
        return ArchFxGid.from(WHAT, value, ArchFxParentSlug.class, ArchFxParentSlug::of, ArchFxParentSlug::of,
                ArchFxParentSlug::parse);
    }

    public long id() {
        return id;
    }

    /** {@code pl}, {@code pa} or {@code ps}. */
    public String type() {
        return type;
    }

    /** The part after {@code --}: {@code 0000-0005}. */
    public String formattedId() {
        return ArchFxGid.int32gid(id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchFxParentSlug p && p.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return type + "--" + formattedId();
    }
}
