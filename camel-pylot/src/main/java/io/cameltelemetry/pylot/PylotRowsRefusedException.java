package io.cameltelemetry.pylot;

import java.io.Serial;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cameltelemetry.common.http.ErrorResponse;

/**
 * PYLOT answered 400 to some rows of a message: the producer split the refused requests (halves, recursively, a bounded
 * number of extra requests), sent every row PYLOT accepts, and lists here the rows it refuses with the server's reason
 * for each. A {@link PylotException} (status 400), so {@code onException(HttpOperationFailedException.class)} handlers
 * see it too. Resending the message is harmless (PYLOT overwrites), but the listed rows will be refused again: fix or
 * drop them.
 */
public class PylotRowsRefusedException extends PylotException {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final int ROWS_IN_MESSAGE = 10;

    /**
     * One refused row.
     *
     * @param node      the row's node
     * @param timestamp the row's local timestamp
     * @param data      metric id to value
     * @param reason    the server's answer to the smallest request that held this row (its body, or the status)
     * @param isolated  whether the row was refused on its own (false: the split budget ran out and it was refused
     *                  together with other rows)
     */
    public record RefusedRow(String node, LocalDateTime timestamp, Map<String, Number> data, String reason, boolean isolated)
            implements
                Serializable {
    }

    private final List<RefusedRow> refusedRows;
    private final int rowsSent;

    /**
     * @param first          PYLOT's first 400 answer (status, URI, headers and body of the exception)
     * @param rowsSentBefore rows sent before the first refused request
     */
    public PylotRowsRefusedException(ErrorResponse first, List<RefusedRow> refusedRows, int rowsSent, int rowsSentBefore) {
        super(first, rowsSentBefore);
        this.refusedRows = List.copyOf(refusedRows);
        this.rowsSent = rowsSent;
    }

    /** The rows PYLOT refused, in the message's order. */
    public List<RefusedRow> getRefusedRows() {
        return refusedRows;
    }

    /** The rows of the same message PYLOT accepted (sent). */
    public int getRowsSent() {
        return rowsSent;
    }

    @Override
    public String getMessage() {
        String listed = refusedRows.stream().limit(ROWS_IN_MESSAGE)
                .map(r -> "node '" + r.node() + "' at " + PylotTimestamps.format(r.timestamp()) + " " + r.data() + ": "
                        + shorten(r.reason()) + (r.isolated() ? "" : " (not isolated: split budget exhausted)"))
                .collect(Collectors.joining("; "));
        return baseMessage() + ". PYLOT refused " + refusedRows.size() + " rows (HTTP 400) of "
                + (refusedRows.size() + rowsSent) + "; the other "
                + rowsSent + " were sent. " + listed + (refusedRows.size() > ROWS_IN_MESSAGE ? "; ..." : "");
    }

    private String baseMessage() {
        return "HTTP operation failed invoking " + getUri() + " with statusCode: " + getStatusCode();
    }

    private static String shorten(String reason) {
        String r = reason == null ? "" : reason.strip();
        return r.length() > 200 ? r.substring(0, 200) + "..." : r;
    }
}
