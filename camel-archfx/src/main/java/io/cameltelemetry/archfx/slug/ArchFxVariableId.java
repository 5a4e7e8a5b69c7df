package io.cameltelemetry.archfx.slug;

import java.io.Serial;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.List;

/**
 * An ArchFX variable (stream) id: 32 bits, a 16-bit scope and a 16-bit variable, written {@code ssss-vvvv} (no
 * prefix). Immutable; equal and hashed by its canonical form, which {@link #toString()} returns. A report's event
 * carries it as the integer {@code (scope << 16) | var}.
 * <p>
 * Input forms (spec 8.3): a number {@code 0 <= id < 16^8}; hex text without {@code --} ({@code "5051"},
 * {@code "0001-5051"}, {@code "f5051"}; {@code -} removed before parsing); scope and variable as numbers (each below
 * 16^4) or as hex strings, which are joined as {@code scope + "-" + var} without padding, as the reference does (so
 * only a 4-digit variable string gives what one expects). Differences from the reference: hex is parsed strictly (see
 * {@link ArchFxGid}), and the type-error text names this class (the reference's says {@code ArchFxDeviceSlug}).
 */
public final class ArchFxVariableId implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String WHAT = "ArchFxVariableID";
    private static final String RANGE = "ID should be greater or equal than zero and less than 16^8";

    private final long id;

    private ArchFxVariableId(long id) {
        this.id = id;
    }

    public static ArchFxVariableId of(long id) {
        return new ArchFxVariableId(ArchFxGid.inRange(WHAT, id, BigInteger.valueOf(id), 32, RANGE));
    }

    public static ArchFxVariableId of(int id) {
        return of((long) id);
    }

    public static ArchFxVariableId of(BigInteger id) {
        if (id == null) {
            throw new IllegalArgumentException(WHAT + ": invalid null: give a number, hex text or scope and var");
        }
        return new ArchFxVariableId(ArchFxGid.inRange(WHAT, id, id, 32, RANGE));
    }

    /** From a scope and a variable number, each {@code 0 <= n < 16^4}. */
    public static ArchFxVariableId of(int scope, int var) {
        if (scope < 0 || scope > 0xFFFF) {
            throw new IllegalArgumentException(WHAT + ": invalid scope " + scope
                    + ": Scope should be greater or equal than zero and less than 16^4");
        }
        if (var < 0 || var > 0xFFFF) {
            throw new IllegalArgumentException(WHAT + ": invalid var " + var
                    + ": Var should be greater or equal than zero and less than 16^4");
        }
        return new ArchFxVariableId(((long) scope << 16) | var);
    }

    /**
     * From a scope number ({@code 0 <= scope < 16^4}) and a variable as hex text of at most 4 digits:
     * {@code of(1, "5051")} is {@code 0001-5051}.
     */
    public static ArchFxVariableId of(int scope, String var) {
        if (var == null) {
            throw new IllegalArgumentException(WHAT + ": invalid null var: give hex text such as 5051");
        }
        BigInteger v = ArchFxGid.hex(WHAT, var, var);
        if (v.bitLength() > 16) {
            throw new IllegalArgumentException(WHAT + ": invalid var '" + var
                    + "': Var should be greater or equal than zero and less than 16^4");
        }
        return of(scope, v.intValue());
    }

    /** From a scope and a variable as hex strings, joined {@code scope-var} without padding (the reference's rule). */
    public static ArchFxVariableId of(String scope, String var) {
        return parse(scope + "-" + var);
    }

    /** Parses hex text without {@code --}: {@code 5051}, {@code 0001-5051}, {@code f5051}. */
    public static ArchFxVariableId parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException(WHAT + ": invalid null: give hex text such as 0001-5051");
        }
        if (text.contains("--")) {
            throw new IllegalArgumentException(WHAT + ": invalid '" + text + "': must start with a digit (a variable "
                    + "id has no type prefix)");
        }
        return new ArchFxVariableId(ArchFxGid.inRange(WHAT, text, ArchFxGid.hex(WHAT, text, text), 32, RANGE));
    }

    /**
     * Any form: an ArchFxVariableId, a Number, hex text, or an {@code int[]}/two-element List of scope and var.
     *
     * @throws IllegalArgumentException for any other type or a bad value
     */
    public static ArchFxVariableId from(Object value) {
        if (value instanceof List<?> l && l.size() == 2) {
            Object s = l.get(0);
            Object v = l.get(1);
            if (s instanceof Number sn && v instanceof Number vn) {
                return of(sn.intValue(), vn.intValue());
            }
            return of(String.valueOf(s), String.valueOf(v));
        }
        return ArchFxGid.from(WHAT, value, ArchFxVariableId.class, ArchFxVariableId::of, ArchFxVariableId::of,
                ArchFxVariableId::parse);
    }

    /** The 32-bit id. */
    public long id() {
        return id;
    }

    /** Variable ids have no type prefix: the empty string. */
    public String type() {
        return "";
    }

    /** {@code ssss-vvvv}. */
    public String formattedId() {
        return ArchFxGid.int32gid(id);
    }

    public int scope() {
        return (int) (id >>> 16);
    }

    public int var() {
        return (int) (id & 0xFFFF);
    }

    public String scopeHex() {
        return ArchFxGid.int16gid(scope());
    }

    public String varHex() {
        return ArchFxGid.int16gid(var());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchFxVariableId v && v.id == id;
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return formattedId();
    }
}
