package io.cameltelemetry.esmond.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The histogram value: a read-only Map in the answer's order, equal to any map of the same buckets. */
class EsmondHistogramTest {

    @Test
    void aHistogramIsAMapOfItsBucketsInOrder() throws Exception {
        EsmondHistogram h = EsmondHistogram.builder().add("34.4", 506).add("34.5", 85).add("1", 0).build();
        Map<String, Long> same = new LinkedHashMap<>();
        same.put("34.4", 506L);
        same.put("34.5", 85L);
        same.put("1", 0L);

        assertEquals(same, h);
        assertEquals(h, same);
        assertEquals(same.hashCode(), h.hashCode());
        assertEquals(List.of("34.4", "34.5", "1"), List.copyOf(h.keySet()));
        assertEquals(List.of(506L, 85L, 0L), List.copyOf(h.values()));
        assertEquals(85L, h.get("34.5"));
        assertNull(h.get("99"));
        assertNull(h.get(34.5));
        assertTrue(h.containsKey("1"));
        assertEquals(591, h.total());
        assertEquals("34.5", h.bucket(1));
        assertEquals(85, h.count(1));
        assertEquals("{34.4=506, 34.5=85, 1=0}", h.toString());
        assertThrows(UnsupportedOperationException.class, () -> h.put("2", 1L));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(h);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(same, in.readObject());
        }
    }

    @Test
    void aLargeHistogramIsLookedUpThroughAnIndex() {
        Map<String, Long> many = new LinkedHashMap<>();
        for (int i = 0; i < 500; i++) {
            many.put(Integer.toString(i), (long) i * 2);
        }
        EsmondHistogram h = EsmondHistogram.of(many);
        assertEquals(500, h.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(i * 2L, h.get(Integer.toString(i)));
        }
        assertFalse(h.containsKey("500"));
        assertEquals(many, h);
    }
}
