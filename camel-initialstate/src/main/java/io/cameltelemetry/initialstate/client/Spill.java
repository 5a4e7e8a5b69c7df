package io.cameltelemetry.initialstate.client;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Where request bodies that could not be sent wait until Initial State accepts them, per access key and bucket (a
 * "spill file", named by {@link SpillStore#fileName}): a directory of files ({@link SpillStore}, one process) or a
 * table of a database every replica shares ({@link JdbcSpillStore}). What both promise: a body is stored durably before
 * {@link #append} returns; bodies are read oldest first; one the server accepted is never posted again; one it refused
 * for good moves to a dead letter; a replay of a bucket runs in one place at a time ({@link #locked}).
 */
public interface Spill extends Closeable {

    /** One spilled body and its place in the spill (a file offset, a row id). */
    record Entry(long offset, byte[] body) {
    }

    /** Work done while holding a bucket. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws Exception;
    }

    /** Where the spill is, for log lines (a directory, a table). */
    String location();

    /** The bucket keys with spilled bodies for this key fingerprint. */
    List<String> buckets(String keyFingerprint) throws IOException;

    /**
     * Runs {@code work} while holding the bucket of {@code fileName}, so its bodies are sent in order by one sender at a
     * time. When {@code skipIfBusy} and another replica holds it, returns {@code null} without running the work; a
     * holder in this process is waited for.
     */
    <T> T locked(String fileName, boolean skipIfBusy, Work<T> work) throws Exception;

    /** Stores bodies after every body of the file, durably, before returning; on failure nothing was stored. */
    void append(String fileName, List<byte[]> bodies) throws IOException;

    /** The bodies of a file still to send, oldest first. */
    List<Entry> read(String fileName) throws IOException;

    /** The server accepted an entry: it is never read again (a failure to record it is logged, never thrown). */
    void accepted(String fileName, Entry entry);

    /** Tidies a file after a replay (drops what was accepted); a failure is logged, never thrown. */
    void compact(String fileName);

    /** Replaces an entry with several bodies in its place (a batch split after a 413), atomically. */
    void replace(String fileName, Entry entry, List<byte[]> parts) throws IOException;

    /**
     * Moves an entry the server refused for good to the dead letter (stored first), then drops it from the spill.
     *
     * @return where it went, for the log line
     */
    String deadLetter(String fileName, String bucketKey, Entry entry, int status, String reason) throws IOException;

    /** Whether a file holds bodies. */
    boolean hasData(String fileName) throws IOException;
}
