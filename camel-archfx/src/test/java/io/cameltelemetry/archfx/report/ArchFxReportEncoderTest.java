package io.cameltelemetry.archfx.report;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cameltelemetry.archfx.ArchFxValidationException;
import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.slug.ArchFxDeviceSlug;
import io.cameltelemetry.archfx.slug.ArchFxVariableId;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The v200 bytes of spec section 7, byte for byte, and back. */
class ArchFxReportEncoderTest {

    static final String VECTOR_A = "89a6666f726d6174a476323030a6646576696365cd1234ae73747265616d65725f696e646578ccffb1"
            + "73747265616d65725f73656c6563746f72cdffffa57365716964cd03eba96c6f776573745f6964cd03e8aa686967686573745f6964"
            + "cd03e8ae73656e745f74696d657374616d70b9323032312d30312d32305430303a30303a30302b30303a3030a66576656e74739186"
            + "a673747265616dce00015030a96465765f7365716964cd03e8a974696d657374616d70b9323032312d30312d32305430303a30303a"
            + "30302b30303a3030a576616c7565cb4000000000000000aa65787472615f6461746182a3666f6f05a3626172a6666f6f626172a464"
            + "617461c0";
    static final String VECTOR_B = "89a6666f726d6174a476323030a6646576696365cd1234ae73747265616d65725f696e646578ccffb1"
            + "73747265616d65725f73656c6563746f72cdffffa57365716964cd03eba96c6f776573745f6964cd03e8aa686967686573745f6964"
            + "cd03eaae73656e745f74696d657374616d70d920323032312d30312d32305430303a30303a30302e3330303030302b30303a3030a6"
            + "6576656e74739386a673747265616dce00015030a96465765f7365716964cd03e8a974696d657374616d70d920323032312d30312d"
            + "32305430303a30303a30302e3130303030302b30303a3030a576616c7565cb4000000000000000aa65787472615f6461746182a366"
            + "6f6f05a3626172a6666f6f626172a464617461c086a673747265616dce00015030a96465765f7365716964cd03e9a974696d657374"
            + "616d70d920323032312d30312d32305430303a30303a30302e3230303030302b30303a3030a576616c7565cb400800000000000"
            + "0aa65787472615f6461746182a3666f6f06a3626172a6666f6f626172a464617461c086a673747265616dcd5051a96465765f7365"
            + "716964cd03eaa974696d657374616d70d920323032312d30312d32305430303a30303a30302e3230303030302b30303a3030a576"
            + "616c7565cb3ff0000000000000aa65787472615f6461746180a464617461c0";

    private static Map<String, Object> summary(int foo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("foo", foo);
        m.put("bar", "foobar");
        return m;
    }

    private static final ArchFxReportEncoder.Header HEADER_A = new ArchFxReportEncoder.Header(
            ArchFxDeviceSlug.parse("d--1234"), 0xff, 0xffff, 1003, Instant.parse("2021-01-20T00:00:00Z"));

    @Test
    void vectorAOfTheSpecByteForByte() throws Exception {
        byte[] bytes = ArchFxReportEncoder.encode(HEADER_A, List.of(new ArchFxDataPoint(
                Instant.parse("2021-01-20T00:00:00Z"), ArchFxVariableId.parse("0001-5030"), 2.0, summary(5), null, 1000)));
        assertEquals(VECTOR_A, HexFormat.of().formatHex(bytes));
    }

    @Test
    void vectorBOfTheSpecByteForByteAndDecodedBack() throws Exception {
        Instant t0 = Instant.parse("2021-01-20T00:00:00Z");
        List<ArchFxDataPoint> points = List.of(
                new ArchFxDataPoint(t0.plusMillis(100), ArchFxVariableId.parse("0001-5030"), 2.0, summary(5), null, 1000),
                new ArchFxDataPoint(t0.plusMillis(200), ArchFxVariableId.of(0x15030), 3.0, summary(6), null, 1001),
                new ArchFxDataPoint(t0.plusMillis(200), ArchFxVariableId.parse("5051"), 1.0, null, null, 1002));
        ArchFxReportEncoder.Header header = new ArchFxReportEncoder.Header(ArchFxDeviceSlug.parse("d--1234"), 0xff, 0xffff,
                1003, t0.plusMillis(300));
        byte[] bytes = ArchFxReportEncoder.encode(header, points);
        assertEquals(VECTOR_B, HexFormat.of().formatHex(bytes));

        ArchFxReport report = ArchFxReportDecoder.decode(bytes);
        assertEquals(0x1234, report.device());
        assertEquals(0xff, report.streamerIndex());
        assertEquals(0xffff, report.streamerSelector());
        assertEquals(1003, report.reportId());
        assertEquals(1000, report.lowestId());
        assertEquals(1002, report.highestId());
        assertEquals("2021-01-20T00:00:00.300000+00:00", report.sentTimestamp());
        assertEquals(List.of(0x15030L, 0x15030L, 0x5051L), report.events().stream().map(e -> e.stream().id()).toList());
        assertEquals(Map.of("foo", 5L, "bar", "foobar"), report.events().get(0).summaryData());
        assertEquals(Map.of(), report.events().get(2).summaryData(), "extra_data {} when absent");
        assertNull(report.events().get(2).rawData(), "data nil when absent");
        assertEquals(t0.plusMillis(200), report.events().get(1).timestamp());
        assertEquals(1.0, report.events().get(2).value());
    }

    @Test
    void timestampsHaveMicrosecondsOnlyWhenNotZeroAndAlwaysPlusZero() {
        assertEquals("2021-01-20T00:00:00+00:00", ArchFxReportEncoder.timestamp(Instant.parse("2021-01-20T00:00:00Z")));
        assertEquals("2021-01-20T00:00:00.100000+00:00",
                ArchFxReportEncoder.timestamp(Instant.parse("2021-01-20T00:00:00.1Z")));
        assertEquals("2022-03-04T04:50:30.000001+00:00",
                ArchFxReportEncoder.timestamp(OffsetDateTime.parse("2022-03-04T10:20:30.000001+05:30").toInstant()));
        assertEquals("2021-01-20T00:00:00.000005+00:00",
                ArchFxReportEncoder.timestamp(Instant.parse("2021-01-20T00:00:00.000005999Z")), "sub-us truncated");
    }

    @Test
    void nestedValuesAreTypedAsMsgpackPythonPacksThemAndNaNIsAFloat64() throws Exception {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("bin", new byte[]{ 1, 2 });
        raw.put("list", List.of(-1, 128, 70000, 1L << 40, true, 1.5f));
        raw.put("when", LocalDateTime.parse("2021-01-20T00:00:00"));
        raw.put("big", new BigInteger("18446744073709551615"));
        raw.put("nothing", null);
        byte[] bytes = ArchFxReportEncoder.encode(HEADER_A, List.of(new ArchFxDataPoint(
                Instant.parse("2021-01-20T00:00:00Z"), ArchFxVariableId.of(1), Double.NaN, null, raw, 0)));
        String hex = HexFormat.of().formatHex(bytes);
        assertTrue(hex.contains("a362696ec4020102"), "bin family: " + hex);
        assertTrue(hex.contains("96ffcc80ce00011170cf0000010000000000c3cb3ff8000000000000"), "ints minimal, floats 64: "
                + hex);
        assertTrue(hex.contains("a3626967cfffffffffffffffff"), hex);
        assertTrue(hex.contains("a576616c7565cb7ff8000000000000"), "NaN: " + hex);
        assertTrue(hex.contains("a96c6f776573745f696400aa686967686573745f696400"), "ids 0 when none: " + hex);
        ArchFxReport back = ArchFxReportDecoder.decode(bytes);
        assertArrayEquals(new byte[]{ 1, 2 }, (byte[]) back.events().get(0).rawData().get("bin"));
        assertEquals("2021-01-20T00:00:00+00:00", back.events().get(0).rawData().get("when"));
        assertTrue(Double.isNaN(back.events().get(0).value()));
    }

    @Test
    void badInputIsATypedErrorNamingTheField() {
        ArchFxValidationException e = assertThrows(ArchFxValidationException.class,
                () -> new ArchFxDataPoint(Instant.EPOCH, ArchFxVariableId.of(1), 1, Map.of("value", 1), null, 0));
        assertTrue(e.getMessage().contains("value is not a valid field for summary_data"), e.getMessage());
        e = assertThrows(ArchFxValidationException.class, () -> ArchFxReportEncoder.encode(HEADER_A, List.of(
                new ArchFxDataPoint(Instant.EPOCH, ArchFxVariableId.of(1), 1, Map.of("x", new Object()), null, 0))));
        assertEquals("summaryData", e.getField());
        e = assertThrows(ArchFxValidationException.class, () -> ArchFxReportEncoder.encode(HEADER_A, List.of(
                new ArchFxDataPoint(Instant.EPOCH, ArchFxVariableId.of(1), 1, null,
                        Map.of("x", BigInteger.ONE.shiftLeft(64)), 0))));
        assertEquals("rawData", e.getField());
    }
}
