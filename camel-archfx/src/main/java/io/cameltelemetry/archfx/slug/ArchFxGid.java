package io.cameltelemetry.archfx.slug;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * ArchFX global id ("gid") helpers, as the reference client's {@code archfx_cloud.utils.convert}: fixed-width hex
 * groups of 4 digits joined by {@code -}, lower-case, zero-padded. Also the strict hex term parser every slug type
 * uses.
 * <p>
 * Deliberate differences from the reference: a hex term is parsed strictly (only hex digits and {@code -}; Python's
 * {@code int(x, 16)} also takes blanks, a {@code 0x} prefix, {@code _} and a leading {@code +}); invalid input is an
 * {@link IllegalArgumentException} naming the input and the rule.
 */
public final class ArchFxGid {

    private ArchFxGid() {
    }

    /** The block (top 16 bits) and device (low 48 bits) of a device id, in the reference's tuple order. */
    public record BlockAndDevice(int block, long device) {
    }

    /** 4 hex digits of the low 16 bits: 15 -> {@code 000f}, 65536 -> {@code 0000}. */
    public static String int16gid(long n) {
        return groups(n & 0xFFFFL, 1);
    }

    /** 2 groups of the low 32 bits: 65536 -> {@code 0001-0000}. */
    public static String int32gid(long n) {
        return groups(n & 0xFFFF_FFFFL, 2);
    }

    /** 3 groups of the low 48 bits: 15 -> {@code 0000-0000-000f}. */
    public static String int48gid(long n) {
        return groups(n & 0xFFFF_FFFF_FFFFL, 3);
    }

    /** 4 groups of all 64 bits: {@code (0xff5b << 32) + 1024} -> {@code 0000-ff5b-0000-0400}. */
    public static String int64gid(long n) {
        return groups(n, 4);
    }

    /** {@code groups} groups of 4 lower-case hex digits of {@code n} (unsigned), joined by {@code -}. */
    static String groups(long n, int groups) {
        String hex = Long.toHexString(n);
        StringBuilder padded = new StringBuilder(groups * 5);
        for (int i = hex.length(); i < groups * 4; i++) {
            padded.append('0');
        }
        padded.append(hex, Math.max(0, hex.length() - groups * 4), hex.length());
        StringBuilder out = new StringBuilder(groups * 5 - 1);
        for (int g = 0; g < groups; g++) {
            if (g > 0) {
                out.append('-');
            }
            out.append(padded, g * 4, g * 4 + 4);
        }
        return out.toString();
    }

    /**
     * A gid with exactly {@code groups} groups: left-padded with {@code 0000} groups, or with the leftmost groups
     * dropped when it has too many ({@code fix_gid("00ff", 3)} -> {@code 0000-0000-00ff}).
     */
    public static String fixGid(String gid, int groups) {
        if (gid == null) {
            throw new IllegalArgumentException("Invalid ArchFX gid null: must be 4-hex-digit groups joined by '-'");
        }
        String[] parts = gid.split("-", -1);
        for (String p : parts) {
            if (p.length() != 4 || !isHex(p)) {
                throw new IllegalArgumentException("Invalid ArchFX gid '" + gid
                        + "': must be 4-hex-digit groups joined by '-'");
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups; i++) {
            int from = parts.length - groups + i;
            if (i > 0) {
                out.append('-');
            }
            out.append(from < 0 ? "0000" : parts[from].toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    /** A device slug from a device gid of up to 3 groups, block {@code 0000}: {@code 00ff} -> {@code d--0000-0000-0000-00ff}. */
    public static String formattedGdid(String did) {
        return formattedGdid(did, "0000");
    }

    /** A device slug from a device gid (its last 3 groups) and a block: {@code ff00-0000-0000}, {@code 0001} -> {@code d--0001-ff00-0000-0000}. */
    public static String formattedGdid(String did, String block) {
        return "d--" + fixGid(block, 1) + "-" + fixGid(did, 3);
    }

    /**
     * The block and device of a {@code d--} or {@code b--} slug with 4 groups: {@code d--0002-0000-0000-0001} -> (2,
     * 1). Empty for anything else (the reference answers (None, None)).
     */
    public static Optional<BlockAndDevice> deviceAndBlock(String did) {
        if (did == null) {
            return Optional.empty();
        }
        String[] terms = did.split("--", -1);
        if (terms.length != 2 || !(terms[0].equals("d") || terms[0].equals("b"))) {
            return Optional.empty();
        }
        String[] groups = terms[1].split("-", -1);
        if (groups.length != 4) {
            return Optional.empty();
        }
        for (String g : groups) {
            if (g.length() != 4 || !isHex(g)) {
                return Optional.empty();
            }
        }
        int block = Integer.parseInt(groups[0], 16);
        long device = Long.parseLong(groups[1] + groups[2] + groups[3], 16);
        return Optional.of(new BlockAndDevice(block, device));
    }

    /**
     * Parses a hex term: every {@code -} removed, the rest one hex number (case-insensitive; {@code "1-2-3"} is 0x123).
     *
     * @param what the slug type for the message, e.g. {@code ArchFxDeviceSlug}
     * @param input the whole input, for the message
     */
    static BigInteger hex(String what, String input, String term) {
        String digits = term.replace("-", "");
        if (digits.isEmpty()) {
            throw new IllegalArgumentException(what + ": invalid '" + input + "': a hex id is empty");
        }
        if (!isHex(digits)) {
            throw new IllegalArgumentException(what + ": invalid '" + input
                    + "': a hex id has only the digits 0-9 and a-f, in groups joined by '-' (no blanks, 0x, _ or +)");
        }
        return new BigInteger(digits, 16);
    }

    static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** A non-negative id below {@code 2^bits}, else the error. */
    static long inRange(String what, Object input, BigInteger id, int bits, String rule) {
        if (id.signum() < 0 || id.bitLength() > bits) {
            throw new IllegalArgumentException(what + ": invalid '" + input + "': " + rule);
        }
        return id.longValue();
    }

    /** A slug from any form: the slug itself, a whole number, a BigInteger, or text; else the type error. */
    static <T> T from(String what, Object value, Class<T> type, LongFunction<T> ofLong,
            Function<BigInteger, T> ofBig, Function<String, T> parse) {
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        if (value instanceof BigInteger b) {
            return ofBig.apply(b);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ofLong.apply(((Number) value).longValue());
        }
        if (value instanceof CharSequence s) {
            return parse.apply(s.toString());
        }
        throw new IllegalArgumentException(what + ": not convertible from " + (value == null
                ? "null"
                : value.getClass().getName()) + ": give a slug, a whole number or text");
    }
}
