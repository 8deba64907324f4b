package dev.flowlens.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.runtime.value.Classifications;
import dev.flowlens.runtime.value.Detections;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.value.ItemError;
import dev.flowlens.runtime.value.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Node outputs kept across runs of one process, so a re-run after a parameter change only re-executes what
 * changed. Least recently used entries go first once either bound (entries, estimated bytes) is passed.
 * Entries whose node wrote files are dropped when one of those files is gone, so a cached result never points
 * at nothing.
 */
final class OutputCache {

    /** What one node produced for one key. */
    record Entry(Map<String, Object> outputs, int items, List<ItemError> itemErrors, List<Path> files, long bytes) {
        Entry {
            outputs = Map.copyOf(outputs);
            itemErrors = List.copyOf(itemErrors);
            files = List.copyOf(files);
        }
    }

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    OutputCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    synchronized Optional<Entry> get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        for (Path file : e.files()) {
            if (!Files.exists(file)) {
                remove(key);
                return Optional.empty();
            }
        }
        return Optional.of(e);
    }

    synchronized void put(String key, Map<String, Object> outputs, int items, List<ItemError> itemErrors, List<Path> files) {
        if (maxEntries == 0) {
            return;
        }
        long size = estimate(outputs.values());
        if (size > maxBytes) {
            return; // one result larger than the whole cache would only evict everything else
        }
        remove(key);
        entries.put(key, new Entry(outputs, items, itemErrors, files, size));
        bytes += size;
        Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && oldest.hasNext()) {
            Map.Entry<String, Entry> e = oldest.next();
            bytes -= e.getValue().bytes();
            oldest.remove();
        }
    }

    synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    private void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.bytes();
        }
    }

    /** A rough size of values in memory; images dominate, so they are counted exactly and the rest roughly. */
    static long estimate(Collection<?> values) {
        long sum = 0;
        for (Object v : values) {
            sum += estimate(v);
        }
        return sum;
    }

    private static long estimate(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof ImageValue img) {
            return 64L + 4L * img.width() * img.height();
        }
        if (v instanceof String s) {
            return 40L + 2L * s.length();
        }
        if (v instanceof Collection<?> c) {
            return 32L + estimate(c);
        }
        if (v instanceof Table t) {
            long cells = (long) t.size() * Math.max(1, t.columns().size());
            return 64L + 48L * cells;
        }
        if (v instanceof JsonNode j) {
            return 64L + 2L * j.toString().length();
        }
        if (v instanceof Classifications c) {
            return 32L + 64L * c.items().size();
        }
        if (v instanceof Detections d) {
            return 32L + 96L * d.items().size();
        }
        if (v instanceof ItemError e) {
            return 64L + 2L * (e.item().length() + e.node().length() + e.message().length());
        }
        return 32;
    }
}
