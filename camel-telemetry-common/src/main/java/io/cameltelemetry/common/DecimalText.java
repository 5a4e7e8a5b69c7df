package io.cameltelemetry.common;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The decimal text of a double as JSON writers put it on the wire, for the values sensors send (a few decimals,
 * between 0.001 and 10,000,000), without allocating: the fewest decimals that read back as the same double, in
 * {@link Double#toString(double)}'s plain layout ({@code 21.5}, {@code 100.0}, {@code -0.25}, {@code 0.0}). That is the
 * text of a shortest-digits writer (Jackson's fast double writer, Java 19's {@code Double.toString}) for those values.
 * <p>
 * Any other double (more than six decimals, outside that range, negative zero, NaN, infinite) is left to the general
 * writer: {@link #shortest} answers 0. A shortest-digits writer creates a few objects per number, which profiles of a
 * million-measurement batch showed as most of the garbage of the thread that writes the requests.
 */
public final class DecimalText {

    /** The most chars {@link #shortest} writes: a sign, seven integer digits, a point and six decimals. */
    public static final int MAX_CHARS = 15;

    private static final int MAX_DECIMALS = 6;
    private static final double[] POWERS = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000 };
    private static final long[] LONG_POWERS = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000 };

    private DecimalText() {
    }

    /**
     * Writes a double as a JSON number: its short text through {@code scratch} (at least {@link #MAX_CHARS} long) when
     * it has one, else Jackson's text.
     */
    public static void write(JsonGenerator gen, double value, char[] scratch) throws IOException {
        int length = shortest(value, scratch);
        if (length > 0) {
            gen.writeNumber(scratch, 0, length);
        } else {
            gen.writeNumber(value);
        }
    }

    /**
     * Writes {@code value} into {@code out} (at least {@link #MAX_CHARS} long) from index 0.
     *
     * @return how many chars it took, or 0 when the value needs a general writer
     */
    public static int shortest(double value, char[] out) {
        if (Double.doubleToRawLongBits(value) == 0L) { // +0.0 (-0.0 is left to the general writer)
            out[0] = '0';
            out[1] = '.';
            out[2] = '0';
            return 3;
        }
        double magnitude = Math.abs(value);
        if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
            return 0;
        }
        for (int decimals = 1; decimals <= MAX_DECIMALS; decimals++) {
            long units = Math.round(magnitude * POWERS[decimals]);
            // both exact doubles, so the quotient is the double nearest to units / 10^decimals: what a reader gets
            if (units / POWERS[decimals] == magnitude) {
                return write(value < 0, units, decimals, out);
            }
        }
        return 0;
    }

    private static int write(boolean negative, long units, int decimals, char[] out) {
        int at = 0;
        if (negative) {
            out[at++] = '-';
        }
        long whole = units / LONG_POWERS[decimals];
        long fraction = units % LONG_POWERS[decimals];
        if (fraction != 0) {
            return fixed(whole, fraction, decimals, out, at);
        }
        int end = fixed(whole, 0, 0, out, at); // Double.toString's layout keeps one decimal: 21.0
        out[end] = '.';
        out[end + 1] = '0';
        return end + 2;
    }

    /**
     * Writes {@code whole.fraction} into {@code out} from {@code at}: {@code fraction} is {@code decimals} digits (leading
     * zeros kept, trailing zeros dropped), and a zero fraction writes no point at all ({@code 1700000000},
     * {@code 1700000000.25}).
     *
     * @param whole    at least 0
     * @param fraction 0 to 10^decimals - 1
     * @return the index after the last char written
     */
    public static int fixed(long whole, long fraction, int decimals, char[] out, int at) {
        int digits = 1;
        for (long p = 10; p <= whole && digits < 19; p *= 10) {
            digits++;
        }
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = (char) ('0' + whole % 10);
            whole /= 10;
        }
        int end = at + digits;
        if (fraction == 0) {
            return end;
        }
        while (fraction % 10 == 0) {
            fraction /= 10;
            decimals--;
        }
        out[end++] = '.';
        for (int i = end + decimals - 1; i >= end; i--) {
            out[i] = (char) ('0' + fraction % 10);
            fraction /= 10;
        }
        return end + decimals;
    }
}
