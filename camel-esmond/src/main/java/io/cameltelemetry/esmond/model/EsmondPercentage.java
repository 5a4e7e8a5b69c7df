package io.cameltelemetry.esmond.model;

/**
 * A percentage value to write (esmond stores {@code numerator/denominator}; reads answer the ratio as a Double).
 *
 * @param numerator   at least 0
 * @param denominator more than 0
 */
public record EsmondPercentage(long numerator, long denominator) {

    /** The ratio numerator / denominator. */
    public double ratio() {
        return (double) numerator / denominator;
    }
}
