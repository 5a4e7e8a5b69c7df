package io.cameltelemetry.common.state;

import java.io.Serial;
import java.util.function.Function;

import org.apache.camel.spi.StateRepository;

/**
 * A polling cursor in a {@link StateRepository} that cannot be read: the message names the repository (for a
 * {@link JdbcStateRepository} its table and repositoryName), the key, the stored value and the form expected. The
 * consumer's poll fails with it, delivers nothing and leaves the cursor as it is, so nothing is skipped: fix or remove
 * the value and the next poll goes on.
 */
public class StoredCursorException extends IllegalStateException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;

    public StoredCursorException(String platform, StateRepository<?, ?> repository, String key, String value,
            String expected, Throwable cause) {
        super("The stored " + platform + " cursor " + key + " = '" + value + "' in " + describe(repository) + " is not "
                + expected + "; fix or remove it (nothing was polled)",
                cause);
        this.key = key;
        this.value = value;
    }

    /** Parses a stored cursor, or throws this exception naming where it is stored. */
    public static <T> T parse(
            String platform, StateRepository<?, ?> repository, String key, String value, String expected,
            Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new StoredCursorException(platform, repository, key, value, expected, e);
        }
    }

    private static String describe(StateRepository<?, ?> repository) {
        if (repository instanceof JdbcStateRepository jdbc) {
            return "table " + jdbc.getTableName() + " (repositoryName " + jdbc.getRepositoryName() + ")";
        }
        return repository == null ? "no repository" : repository.getClass().getSimpleName();
    }

    public String getKey() {
        return key;
    }

    public String getValue() {
        return value;
    }
}
