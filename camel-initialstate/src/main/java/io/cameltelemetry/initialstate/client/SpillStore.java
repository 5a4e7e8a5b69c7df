package io.cameltelemetry.initialstate.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request bodies that could not be sent, kept on disk until Initial State accepts them: one file per access key and
 * bucket ({@code <key fingerprint>-<bucket key>.jsonl}), one JSON array per line, each line a body that can be POSTed
 * to {@code /api/events} as it is (ISStreamer's {@code err_missed_events.txt} format).
 * <ul>
 * <li>Every append is fsynced before it returns. An append that fails part-way (a full disk) is cut back to the length
 * the file had before it and fsynced, so it never damages the next one; a torn last line (a crash in the middle of an
 * append, never acknowledged) is cut off before every append and read.</li>
 * <li>A line the server accepted is never posted again: it is remembered in memory at once, then marked in place (its
 * first byte becomes {@code #}, a one-byte overwrite that needs no free space) and fsynced, and the file is compacted
 * (rewritten atomically without such lines) at the end of a replay, when there is room. A mark survives a restart;
 * a compaction that fails is tried again at the end of the next replay.</li>
 * <li>A line the server refuses for good (400, or 413 for a single event) moves to the dead-letter file beside it
 * ({@code <file>.dead}): one JSON object per line, {@code {"time", "bucketKey", "status", "reason", "events"}}, fsynced
 * before the line leaves the spill.</li>
 * </ul>
 * One live process per directory: a lock file ({@code .lock}) refuses a second one.
 */
public final class SpillStore implements Spill {

    private static final Logger LOG = LoggerFactory.getLogger(SpillStore.class);
    private static final String SUFFIX = ".jsonl";
    /** The suffix of a spill file's dead-letter file. */
    public static final String DEAD_SUFFIX = ".dead";
    private static final byte ACCEPTED = '#';
    private static final JsonFactory JSON = new JsonFactory();

    /** Opens the spill's files; tests replace it with one whose writes fail (a full disk). */
    @FunctionalInterface
    public interface Channels {
        Channels DEFAULT = FileChannel::open;

        FileChannel open(Path file, OpenOption... options) throws IOException;
    }

    private final Path directory;
    private final Channels channels;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<String, Object> fileLocks = new ConcurrentHashMap<>();
    /** Offsets of lines accepted by the server but not yet marked or compacted away, per file. */
    private final Map<String, Set<Long>> accepted = new ConcurrentHashMap<>();

    /** Opens (and creates) the directory and takes its lock. */
    public SpillStore(Path directory) throws IOException {
        this(directory, Channels.DEFAULT);
    }

    /** As {@link #SpillStore(Path)}, with the files opened through {@code channels}. */
    public SpillStore(Path directory, Channels channels) throws IOException {
        this.directory = directory.toAbsolutePath();
        this.channels = channels;
        Files.createDirectories(this.directory);
        this.lockChannel = FileChannel.open(this.directory.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock taken;
        try {
            taken = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            taken = null;
        }
        if (taken == null) {
            lockChannel.close();
            throw new IllegalStateException("The spill directory " + this.directory + " is in use by another live process "
                    + "(or another component in this one): give each its own spillDirectory");
        }
        this.lock = taken;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public String location() {
        return directory.toString();
    }

    /** In one process the monitor of the file orders its senders; there is no other replica to skip for. */
    @Override
    public <T> T locked(String fileName, boolean skipIfBusy, Work<T> work) throws Exception {
        synchronized (monitor(fileName)) {
            return work.run();
        }
    }

    /** The file name of a key fingerprint and bucket. */
    public static String fileName(String keyFingerprint, String bucketKey) {
        return keyFingerprint + "-" + URLEncoder.encode(bucketKey, StandardCharsets.UTF_8) + SUFFIX;
    }

    /** The bucket keys with a spill file for this key fingerprint. */
    @Override
    public List<String> buckets(String keyFingerprint) throws IOException {
        List<String> out = new ArrayList<>();
        String prefix = keyFingerprint + "-";
        try (Stream<Path> files = Files.list(directory)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(SUFFIX)).sorted()
                    .forEach(n -> out.add(URLDecoder.decode(n.substring(prefix.length(), n.length() - SUFFIX.length()),
                            StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** The monitor that orders everything done with one file (sends of its bucket included). */
    public Object monitor(String fileName) {
        return fileLocks.computeIfAbsent(fileName, f -> new Object());
    }

    /**
     * Appends bodies, one per line, and fsyncs before returning. When the write fails, the file is cut back to its
     * length before the call (and fsynced) and the failure is thrown: nothing was spilled.
     */
    @Override
    public void append(String fileName, List<byte[]> bodies) throws IOException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (byte[] body : bodies) {
            lines.writeBytes(body);
            lines.write('\n');
        }
        appendLines(directory.resolve(fileName), lines.toByteArray());
    }

    private void appendLines(Path file, byte[] bytes) throws IOException {
        synchronized (monitor(file.getFileName().toString())) {
            boolean created = !Files.exists(file);
            try (FileChannel ch = channels.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ)) {
                long before = cutTornTail(ch, file);
                try {
                    ByteBuffer buf = ByteBuffer.wrap(bytes);
                    long at = before;
                    while (buf.hasRemaining()) {
                        at += ch.write(buf, at);
                    }
                    ch.force(true);
                } catch (IOException e) {
                    try {
                        ch.truncate(before);
                        ch.force(true);
                    } catch (IOException | RuntimeException cut) {
                        e.addSuppressed(cut); // the next append cuts the torn tail before it writes
                    }
                    throw e;
                }
            }
            if (created) {
                syncDirectory();
            }
        }
    }

    /** The bodies of a file still to send, oldest first (empty when there is none). */
    @Override
    public List<Entry> read(String fileName) throws IOException {
        synchronized (monitor(fileName)) {
            Path file = directory.resolve(fileName);
            if (!Files.exists(file)) {
                return List.of();
            }
            try (FileChannel ch = channels.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                cutTornTail(ch, file);
            }
            Set<Long> done = accepted.getOrDefault(fileName, Set.of());
            List<Entry> out = new ArrayList<>();
            byte[] all = Files.readAllBytes(file);
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    byte[] line = Arrays.copyOfRange(all, start, i);
                    if (line.length > 0 && line[0] == ACCEPTED || done.contains((long) start)) {
                        // accepted by the server already: never posted again
                    } else if (isJsonArray(line)) {
                        out.add(new Entry(start, line));
                    } else if (line.length > 0) {
                        LOG.warn("Ignoring a damaged line of {} bytes in the spill file {}", line.length, file);
                    }
                    start = i + 1;
                }
            }
            return out;
        }
    }

    /**
     * The server accepted an entry: it is never read again by this process (remembered before anything can fail), and
     * it is marked in place and fsynced (so a restart skips it too). A failure to mark is logged, never thrown: the
     * acceptance stands. The offsets of the entries read stay valid until {@link #compact} or {@link #replace}.
     */
    @Override
    public void accepted(String fileName, Entry entry) {
        synchronized (monitor(fileName)) {
            accepted.computeIfAbsent(fileName, f -> new HashSet<>()).add(entry.offset());
            Path file = directory.resolve(fileName);
            try (FileChannel ch = channels.open(file, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[]{ ACCEPTED }), entry.offset());
                ch.force(true);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not mark an accepted batch in the spill file {} ({}); it is skipped by this process and "
                        + "the file is rewritten at the next chance",
                        file, e.toString());
            }
        }
    }

    /**
     * Rewrites a file without its accepted and damaged lines (deletes it when nothing is left); a failure is logged,
     * never thrown: accepted lines stay marked and skipped.
     */
    @Override
    public void compact(String fileName) {
        try {
            rewrite(fileName, e -> List.of(e.body()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not compact the spill file {} ({}); accepted batches stay marked and are skipped",
                    directory.resolve(fileName), e.toString());
        }
    }

    /**
     * Replaces an entry with several bodies (a batch split after a 413), atomically: on failure the file is as before.
     * Accepted lines are dropped on the way; the offsets of entries read before are then stale: read again.
     */
    @Override
    public void replace(String fileName, Entry entry, List<byte[]> parts) throws IOException {
        rewrite(fileName, e -> e.offset() == entry.offset() ? parts : List.of(e.body()));
    }

    /**
     * Moves an entry the server refused for good to the dead-letter file ({@code <file>.dead}, fsynced first), then
     * marks it as done in the spill (as {@link #accepted}).
     *
     * @throws IOException when the dead-letter file cannot be written: the entry stays in the spill
     */
    @Override
    public String deadLetter(String fileName, String bucketKey, Entry entry, int status, String reason)
            throws IOException {
        synchronized (monitor(fileName)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("time", Instant.now().toString());
                g.writeStringField("bucketKey", bucketKey);
                g.writeNumberField("status", status);
                g.writeStringField("reason", reason);
                g.writeFieldName("events");
                g.writeRawValue(new String(entry.body(), StandardCharsets.UTF_8));
                g.writeEndObject();
            }
            out.write('\n');
            Path dead = directory.resolve(fileName + DEAD_SUFFIX);
            appendLines(dead, out.toByteArray());
            accepted(fileName, entry);
            return dead.toString();
        }
    }

    /** Rewrites a file (tmp, fsync, atomic move) with each live entry mapped to its bodies; deletes it when empty. */
    private void rewrite(String fileName, Function<Entry, List<byte[]>> mapping) throws IOException {
        synchronized (monitor(fileName)) {
            Path file = directory.resolve(fileName);
            if (!Files.exists(file)) {
                accepted.remove(fileName);
                return;
            }
            List<Entry> live = read(fileName);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Entry e : live) {
                for (byte[] body : mapping.apply(e)) {
                    out.writeBytes(body);
                    out.write('\n');
                }
            }
            if (out.size() == 0) {
                Files.deleteIfExists(file);
                accepted.remove(fileName);
                syncDirectory();
                return;
            }
            Path tmp = directory.resolve(fileName + ".tmp");
            try {
                try (FileChannel ch = channels.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buf = ByteBuffer.wrap(out.toByteArray());
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(true);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException | RuntimeException e) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    e.addSuppressed(ignored);
                }
                throw e;
            }
            accepted.remove(fileName); // the offsets changed; the new file holds no accepted line
            syncDirectory();
        }
    }

    /** Whether a file holds bodies. */
    @Override
    public boolean hasData(String fileName) {
        return Files.exists(directory.resolve(fileName));
    }

    /**
     * Cuts a torn last line (no newline at the end: a crash or a failed cut in the middle of an append; it was never
     * acknowledged). Returns the length of the file after the cut.
     */
    private static long cutTornTail(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        long keep = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (keep > 0) {
            one.clear();
            ch.read(one, keep - 1);
            if (one.get(0) == '\n') {
                break;
            }
            keep--;
        }
        if (keep < size) {
            LOG.warn("Cutting a torn last line of {} bytes from the spill file {} (written when an append failed or the "
                    + "process died; it was never acknowledged)",
                    size - keep, file);
            ch.truncate(keep);
            ch.force(true);
        }
        return keep;
    }

    private static boolean isJsonArray(byte[] line) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every file system can sync a directory; the file itself was synced
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    @Override
    public String toString() {
        return "SpillStore[" + directory + "]";
    }
}
