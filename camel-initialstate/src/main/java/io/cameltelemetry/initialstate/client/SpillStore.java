package io.cameltelemetry.initialstate.client;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request bodies that could not be sent, kept on disk until Initial State accepts them: one file per access key and
 * bucket ({@code <key fingerprint>-<bucket key>.jsonl}), one JSON array per line, each line a body that can be POSTed
 * to {@code /api/events} as it is (ISStreamer's {@code err_missed_events.txt} format). Every append is fsynced before
 * it returns. A torn last line (a crash in the middle of an append) is cut off when the file is first read; it was
 * never acknowledged. A line leaves the file (rewritten atomically) only after the server accepted it.
 * <p>
 * One live process per directory: a lock file ({@code .lock}) refuses a second one.
 */
public final class SpillStore implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SpillStore.class);
    private static final String SUFFIX = ".jsonl";
    private static final JsonFactory JSON = new JsonFactory();

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<String, Object> fileLocks = new ConcurrentHashMap<>();
    private final Map<String, Boolean> checked = new ConcurrentHashMap<>();

    /** Opens (and creates) the directory and takes its lock. */
    public SpillStore(Path directory) throws IOException {
        this.directory = directory.toAbsolutePath();
        Files.createDirectories(this.directory);
        this.lockChannel = FileChannel.open(this.directory.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock taken;
        try {
            taken = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
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

    /** The file name of a key fingerprint and bucket. */
    public static String fileName(String keyFingerprint, String bucketKey) {
        return keyFingerprint + "-" + URLEncoder.encode(bucketKey, StandardCharsets.UTF_8) + SUFFIX;
    }

    /** The bucket keys with a spill file for this key fingerprint. */
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

    /** Appends bodies, one per line, and fsyncs before returning. */
    public void append(String fileName, List<byte[]> bodies) throws IOException {
        synchronized (monitor(fileName)) {
            Path file = directory.resolve(fileName);
            boolean created = !Files.exists(file);
            repairOnce(fileName, file);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                for (byte[] body : bodies) {
                    ByteBuffer line = ByteBuffer.allocate(body.length + 1).put(body).put((byte) '\n').flip();
                    while (line.hasRemaining()) {
                        ch.write(line);
                    }
                }
                ch.force(true);
            }
            if (created) {
                syncDirectory();
            }
        }
    }

    /** The bodies of a file, oldest first (empty when there is none). */
    public List<byte[]> read(String fileName) throws IOException {
        synchronized (monitor(fileName)) {
            Path file = directory.resolve(fileName);
            if (!Files.exists(file)) {
                return List.of();
            }
            repairOnce(fileName, file);
            List<byte[]> out = new ArrayList<>();
            byte[] all = Files.readAllBytes(file);
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    byte[] line = java.util.Arrays.copyOfRange(all, start, i);
                    if (isJsonArray(line)) {
                        out.add(line);
                    } else if (line.length > 0) {
                        LOG.warn("Ignoring a damaged line of {} bytes in the spill file {}", line.length, file);
                    }
                    start = i + 1;
                }
            }
            return out;
        }
    }

    /** Removes the first {@code n} bodies of a file (the server accepted them); deletes the file when it is empty. */
    public void removeFirst(String fileName, int n) throws IOException {
        synchronized (monitor(fileName)) {
            List<byte[]> rest = read(fileName);
            rest = rest.subList(Math.min(n, rest.size()), rest.size());
            Path file = directory.resolve(fileName);
            if (rest.isEmpty()) {
                Files.deleteIfExists(file);
                syncDirectory();
                return;
            }
            Path tmp = directory.resolve(fileName + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (byte[] body : rest) {
                    out.writeBytes(body);
                    out.write('\n');
                }
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
            syncDirectory();
        }
    }

    /** Whether a file holds bodies. */
    public boolean hasData(String fileName) {
        return Files.exists(directory.resolve(fileName));
    }

    /** Cuts a torn last line (no newline at the end: a crash in the middle of an append), once per file. */
    private void repairOnce(String fileName, Path file) throws IOException {
        if (checked.putIfAbsent(fileName, Boolean.TRUE) != null || !Files.exists(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
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
                LOG.warn("Cutting a torn last line of {} bytes from the spill file {} (written when the process died; it "
                        + "was never acknowledged)",
                        size - keep, file);
                ch.truncate(keep);
                ch.force(true);
            }
        }
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
