package io.cameltelemetry.archfx.slug;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * An ArchFX stream slug: {@code s?--<parent 2 groups>--<device 4 groups>--<variable 2 groups>[--<start>]}, typed
 * {@code sl}/{@code sa}/{@code ss} by its line/area/site parent, {@code sd} without one. Immutable; equal and hashed
 * by its canonical slug, which {@link #toString()} returns; the parent, device and variable terms are canonicalised
 * by {@link ArchFxParentSlug}, {@link ArchFxDeviceSlug} and {@link ArchFxVariableId}.
 * <p>
 * The optional start is a time in microseconds since the epoch, at most 16 decimal digits, printed zero-padded to 16.
 * Given as an {@link Instant} or {@link OffsetDateTime} it is its exact epoch microseconds (the reference computes
 * {@code int(timestamp() * 1e6)} in floating point, which is a microsecond off on some dates: after 2112, where the
 * microseconds exceed 2^52, e.g. 2255-03-18T00:26:26.161859Z).
 * <p>
 * Differences from the reference, deliberate: the type must be {@code sl}, {@code sa}, {@code ss} or {@code sd} and the
 * start only decimal digits (the reference keeps both verbatim, unchecked); {@link #parts()} works for {@code sd}
 * slugs, with a null parent (the reference raises {@code KeyError}); hex is parsed strictly.
 */
public final class ArchFxStreamSlug implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String WHAT = "ArchFxStreamSlug";

    /**
     * What a stream slug is made of.
     *
     * @param parent   the line/area/site, null for an {@code sd} slug
     * @param block    the device's top group, e.g. {@code 0000}
     * @param scope    the device's second group, e.g. {@code 0001}
     * @param device   the device's last two groups, e.g. {@code 0000-0123}
     * @param variable the variable id, e.g. {@code 0001-5051}
     * @param start    the start term (16 digits), or null
     */
    public record Parts(ArchFxParentSlug parent, String block, String scope, String device, String variable,
            String start) {
    }

    private final String type;
    private final ArchFxParentSlug parent;
    private final ArchFxDeviceSlug device;
    private final ArchFxVariableId variable;
    private final String start;

    private ArchFxStreamSlug(String type, ArchFxParentSlug parent, ArchFxDeviceSlug device, ArchFxVariableId variable,
            String start) {
        this.type = type;
        this.parent = parent;
        this.device = device;
        this.variable = variable;
        this.start = start;
    }

    /** From parts; a null parent makes an {@code sd} slug. */
    public static ArchFxStreamSlug of(ArchFxParentSlug parent, ArchFxDeviceSlug device, ArchFxVariableId variable) {
        return build(parent, device, variable, null);
    }

    /** With a start given as text of at most 16 decimal digits (microseconds). */
    public static ArchFxStreamSlug of(ArchFxParentSlug parent, ArchFxDeviceSlug device, ArchFxVariableId variable,
            String start) {
        return build(parent, device, variable, start(start));
    }

    /** With a start in microseconds since the epoch. */
    public static ArchFxStreamSlug of(ArchFxParentSlug parent, ArchFxDeviceSlug device, ArchFxVariableId variable,
            long startMicros) {
        return build(parent, device, variable, start(Long.toString(startMicros)));
    }

    /** With a start time: its exact epoch microseconds. */
    public static ArchFxStreamSlug of(ArchFxParentSlug parent, ArchFxDeviceSlug device, ArchFxVariableId variable,
            Instant start) {
        if (start == null) {
            return build(parent, device, variable, null);
        }
        long micros = Math.addExact(Math.multiplyExact(start.getEpochSecond(), 1_000_000L), start.getNano() / 1000);
        return of(parent, device, variable, micros);
    }

    public static ArchFxStreamSlug of(ArchFxParentSlug parent, ArchFxDeviceSlug device, ArchFxVariableId variable,
            OffsetDateTime start) {
        return of(parent, device, variable, start == null ? null : start.toInstant());
    }

    /**
     * From parts in any form each class accepts (text, numbers, slugs); a null or empty parent makes an {@code sd}
     * slug, a null or empty device is device 0.
     */
    public static ArchFxStreamSlug of(Object parent, Object device, Object variable) {
        return of(parent(parent), device(device), ArchFxVariableId.from(variable));
    }

    private static ArchFxParentSlug parent(Object parent) {
        return parent == null || parent instanceof CharSequence s && s.isEmpty() ? null : ArchFxParentSlug.from(parent);
    }

    private static ArchFxDeviceSlug device(Object device) {
        return device == null || device instanceof CharSequence s && s.isEmpty()
                ? ArchFxDeviceSlug.of(0)
                : ArchFxDeviceSlug.from(device);
    }

    private static ArchFxStreamSlug build(ArchFxParentSlug parent, ArchFxDeviceSlug device, ArchFxVariableId variable,
            String start) {
        if (device == null || variable == null) {
            throw new IllegalArgumentException(WHAT + ": invalid: a stream slug needs a device and a variable");
        }
        String type = parent == null ? "sd" : "s" + parent.type().charAt(1);
        return new ArchFxStreamSlug(type, parent, device, variable, start);
    }

    private static String start(String start) {
        if (start == null) {
            return null;
        }
        if (start.isEmpty() || !start.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(WHAT + ": invalid start '" + start
                    + "': a start is microseconds since the epoch, decimal digits only");
        }
        String digits = start.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 16) {
            throw new IllegalArgumentException("Start timestamp of " + start
                    + " us is too big (must fit into 16 decimal places)");
        }
        return "0".repeat(16 - digits.length()) + digits;
    }

    /** Parses {@code sl--0000-0001--0000-0001-0000-0123--0001-5051[--1612829726628904]}. */
    public static ArchFxStreamSlug parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Stream ID must be str");
        }
        String[] terms = text.split("--", -1);
        if (terms.length < 4 || terms.length > 5) {
            throw new IllegalArgumentException(WHAT + ": invalid '" + text + "': Stream slug must have at least four "
                    + "terms: s<type>--<prnt>--<dev>--<var> - and at most five: s<type>--<prnt>--<dev>--<var>--<start>");
        }
        String type = terms[0];
        ArchFxParentSlug parent;
        switch (type) {
            case "sl", "sa", "ss" -> parent = terms[1].isEmpty()
                    ? ArchFxParentSlug.of(0, "p" + type.charAt(1))
                    : ArchFxParentSlug.parse(terms[1], "p" + type.charAt(1));
            case "sd" -> {
                parent = null;
                if (!terms[1].isEmpty()) {
                    ArchFxGid.hex(WHAT, text, terms[1]); // checked, always printed as 0000-0000
                }
            }
            default -> throw new IllegalArgumentException(WHAT + ": invalid '" + text
                    + "': the type is sl, sa, ss (line, area, site parent) or sd (none)");
        }
        if (parent != null && terms[1].contains("--")) {
            throw new IllegalArgumentException(WHAT + ": invalid '" + text + "'");
        }
        ArchFxDeviceSlug device = terms[2].isEmpty() ? ArchFxDeviceSlug.of(0) : ArchFxDeviceSlug.parse(terms[2]);
        ArchFxVariableId variable = ArchFxVariableId.parse(terms[3]);
        return new ArchFxStreamSlug(type, parent, device, variable, terms.length == 5 ? start(terms[4]) : null);
    }

    /** Any form: an ArchFxStreamSlug or text. */
    public static ArchFxStreamSlug from(Object value) {
        if (value instanceof ArchFxStreamSlug s) {
            return s;
        }
        if (value instanceof CharSequence s) {
            return parse(s.toString());
        }
        throw new IllegalArgumentException("Stream ID must be str, not " + (value == null
                ? "null"
                : value.getClass().getName()));
    }

    /** {@code sl}, {@code sa}, {@code ss} or {@code sd}. */
    public String type() {
        return type;
    }

    /** The slug without its type: {@code 0000-0001--0000-0001-0000-0123--0001-5051[--start]}. */
    public String id() {
        return formattedId();
    }

    /** The slug without its type. */
    public String formattedId() {
        return (parent == null ? "0000-0000" : parent.formattedId()) + "--" + device.formattedId() + "--"
                + variable.formattedId() + (start == null ? "" : "--" + start);
    }

    public ArchFxParentSlug parent() {
        return parent;
    }

    public ArchFxDeviceSlug device() {
        return device;
    }

    public ArchFxVariableId variable() {
        return variable;
    }

    /** The start term (16 digits), or null. */
    public String start() {
        return start;
    }

    public Parts parts() {
        String[] groups = device.formattedId().split("-");
        return new Parts(parent, groups[0], groups[1], groups[2] + "-" + groups[3], variable.formattedId(), start);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchFxStreamSlug s && s.toString().equals(toString());
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
