package io.cameltelemetry.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The short text of a double, checked against exact decimal arithmetic: it reads back as the same double, no text with
 * fewer decimals does, and of the texts with that many decimals it is the one nearest the double; anything else is
 * left to the general writer.
 */
class DecimalTextTest {

    @Test
    void usualValuesHaveTheirShortestPlainText() {
        Object[][] cases = { { 21.5, "21.5" }, { 100.0, "100.0" }, { -0.25, "-0.25" }, { 0.0, "0.0" }, { 0.001, "0.001" },
                { 0.1 + 0.2, null }, { 0.3, "0.3" }, { 9_999_999.5, "9999999.5" }, { 1e7, null }, { 0.000999, null },
                { -0.0, null }, { Double.NaN, null }, { Double.POSITIVE_INFINITY, null }, { 1.0 / 3, null },
                { 123.456789, "123.456789" }, { 123.4567891, null }, { 1_234_567.0, "1234567.0" }, { 0.015625, "0.015625" },
                { -9_999_999.999999, "-9999999.999999" } };
        char[] out = new char[DecimalText.MAX_CHARS];
        for (Object[] c : cases) {
            double d = (double) c[0];
            int n = DecimalText.shortest(d, out);
            assertEquals(c[1], n == 0 ? null : new String(out, 0, n), Double.toString(d));
        }
    }

    @Test
    void everyTextIsTheShortestNearestAndEveryRefusalNeedsMoreDigits() {
        Random random = new Random(2026);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            int decimals = random.nextInt(7);
            long units = random.nextLong(10_000_000L * (long) Math.pow(10, decimals));
            values.add((random.nextBoolean() ? -1 : 1) * units / Math.pow(10, decimals));
        }
        for (int i = 0; i < 100_000; i++) {
            values.add(random.nextDouble(1e-3, 1e7)); // mostly 16 or 17 digits: refused
            values.add(Math.round(random.nextGaussian() * 2_000) / 100.0); // a temperature
            values.add(Double.longBitsToDouble(random.nextLong())); // anything
        }
        char[] out = new char[DecimalText.MAX_CHARS];
        int written = 0;
        for (double d : values) {
            int n = DecimalText.shortest(d, out);
            if (n == 0) {
                boolean usual = Math.abs(d) >= 1e-3 && Math.abs(d) < 1e7;
                if (usual) {
                    assertNotEquals(d, new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).doubleValue(),
                            "refused " + d + " though six decimals would do");
                }
                continue;
            }
            written++;
            String text = new String(out, 0, n);
            assertTrue(text.matches("-?(0|[1-9]\\d{0,6})\\.\\d{1,6}"), text);
            assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(Double.parseDouble(text)), text);
            int decimals = n - text.indexOf('.') - 1;
            BigDecimal exact = new BigDecimal(d);
            if (decimals > 1) {
                assertNotEquals(d, exact.setScale(decimals - 1, RoundingMode.HALF_EVEN).doubleValue(),
                        text + " is not the shortest text of " + exact);
            }
            assertEquals(0, exact.setScale(decimals, RoundingMode.HALF_EVEN).compareTo(new BigDecimal(text)),
                    text + " is not the nearest text of " + exact + " with " + decimals + " decimals");
        }
        assertTrue(written > 400_000, "written " + written);
    }
}
