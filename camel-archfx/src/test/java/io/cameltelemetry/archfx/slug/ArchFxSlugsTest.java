package io.cameltelemetry.archfx.slug;

import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every vector of spec section 8.6, the input forms, the errors and the deliberate differences. */
class ArchFxSlugsTest {

    private static void invalid(Runnable r, String... inMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String s : inMessage) {
            assertTrue(e.getMessage().contains(s), e.getMessage() + " lacks " + s);
        }
    }

    @Test
    void variableIds() {
        Object[][] vectors = { { ArchFxVariableId.of(0x5051), "0000-5051", 0, 0x5051 },
                { ArchFxVariableId.of(0x10000 | 0x5051), "0001-5051", 1, 0x5051 },
                { ArchFxVariableId.parse("5051"), "0000-5051", 0, 0x5051 },
                { ArchFxVariableId.parse("0001-5051"), "0001-5051", 1, 0x5051 },
                { ArchFxVariableId.parse("f5051"), "000f-5051", 0xf, 0x5051 },
                { ArchFxVariableId.of(1, 0x5051), "0001-5051", 1, 0x5051 },
                { ArchFxVariableId.of(1, "5051"), "0001-5051", 1, 0x5051 },
                { ArchFxVariableId.of(0, "a"), "0000-000a", 0, 0xa },
                { ArchFxVariableId.of("1", "5051"), "0001-5051", 1, 0x5051 },
                { ArchFxVariableId.from(List.of(1, 0x5051)), "0001-5051", 1, 0x5051 },
                { ArchFxVariableId.of(BigInteger.valueOf(0x15051)), "0001-5051", 1, 0x5051 } };
        for (Object[] v : vectors) {
            ArchFxVariableId id = (ArchFxVariableId) v[0];
            assertEquals(v[1], id.toString());
            assertEquals(v[1], id.formattedId());
            assertEquals(v[2], id.scope());
            assertEquals(v[3], id.var());
        }
        assertEquals("0000-abcd", ArchFxVariableId.of("ab", "cd").toString(), "joined without padding, as REF");
        assertEquals("0001", ArchFxVariableId.of(0x15051).scopeHex());
        assertEquals("5051", ArchFxVariableId.of(0x15051).varHex());
        assertEquals(0x15051L, ArchFxVariableId.parse("0001-5051").id());
        assertEquals("", ArchFxVariableId.of(1).type());
        assertEquals(ArchFxVariableId.parse("0001-5051"), ArchFxVariableId.of(0x15051));
        assertEquals(ArchFxVariableId.parse("0001-5051").hashCode(), ArchFxVariableId.of(0x15051).hashCode());
        assertEquals("000a-bcde", ArchFxVariableId.parse("A-BCDE").toString(), "case-insensitive, lower-case out");
        invalid(() -> ArchFxVariableId.of(-1), "ArchFxVariableID", "'-1'", "less than 16^8");
        invalid(() -> ArchFxVariableId.of(1L << 32), "less than 16^8");
        invalid(() -> ArchFxVariableId.of(0x10000, 1), "Scope should be");
        invalid(() -> ArchFxVariableId.of(1, 0x10000), "Var should be");
        invalid(() -> ArchFxVariableId.of(1, "15051"), "'15051'", "Var should be");
        invalid(() -> ArchFxVariableId.of(0x10000, "5051"), "Scope should be");
        invalid(() -> ArchFxVariableId.of(1, "xyz"), "'xyz'", "hex id");
        invalid(() -> ArchFxVariableId.of(1, (String) null), "null var");
        invalid(() -> ArchFxVariableId.parse("s--5051"), "must start with a digit");
        invalid(() -> ArchFxVariableId.from(1.5), "not convertible");
        for (String lenient : List.of("0x5051", "50_51", "+5051", " 5051", "")) {
            invalid(() -> ArchFxVariableId.parse(lenient), "'" + lenient + "'");
        }
    }

    @Test
    void parentSlugs() {
        assertEquals("pl--0000-0005", ArchFxParentSlug.of(5).toString());
        assertEquals("pa--0000-0000", ArchFxParentSlug.of(0, "pa").toString());
        assertEquals("pa--0000-0000", ArchFxParentSlug.parse("pa--0000-0000").toString());
        assertEquals("pl--0000-1234", ArchFxParentSlug.parse("pl--0000-1234").toString());
        assertEquals("pl--0000-1234", ArchFxParentSlug.parse("pl--1234").toString());
        assertEquals("pl--0000-0001", ArchFxParentSlug.parse("pl--1").toString());
        assertEquals("pa--0000-0001", ArchFxParentSlug.parse("pa--0000--0001").toString(), "elided zero groups");
        ArchFxParentSlug bare = ArchFxParentSlug.parse("0005");
        assertEquals("pl--0000-0005", bare.toString());
        assertEquals("0000-0005", bare.formattedId());
        assertEquals(5, bare.id());
        assertEquals("pl", bare.type());
        assertEquals("ps--0000-00ff", ArchFxParentSlug.parse("PS--00FF".replace("PS", "ps")).toString());
        assertEquals("ps", ArchFxParentSlug.parse("00ff", "ps").type());
        for (String bad : List.of("string", "x--0000-0001", "p--1234-0000-0000-0001", "PL--1", "pl--0x1")) {
            invalid(() -> ArchFxParentSlug.parse(bad), "'" + bad + "'");
        }
        invalid(() -> ArchFxParentSlug.of(-5), "less than 16^8");
        invalid(() -> ArchFxParentSlug.of(1L << 32), "less than 16^8");
        invalid(() -> ArchFxParentSlug.of(1, "d"), "pl (line), pa (area) or ps (site)");
    }

    @Test
    void deviceSlugs() {
        assertEquals("d--0000-0000-0000-0000", ArchFxDeviceSlug.of(0).toString());
        assertEquals("d--0000-0000-0000-0005", ArchFxDeviceSlug.of(5).toString());
        for (ArchFxDeviceSlug d : List.of(ArchFxDeviceSlug.of(0xa), ArchFxDeviceSlug.parse("000a"),
                ArchFxDeviceSlug.parse("d--000a"))) {
            assertEquals("d--0000-0000-0000-000a", d.toString());
        }
        ArchFxDeviceSlug d1234 = ArchFxDeviceSlug.parse("d--0000-0000-1234");
        for (ArchFxDeviceSlug d : List.of(d1234, ArchFxDeviceSlug.parse("d--0000-0000-0000-1234"),
                ArchFxDeviceSlug.parse("d--1234"), ArchFxDeviceSlug.from(d1234))) {
            assertEquals("d--0000-0000-0000-1234", d.toString());
            assertEquals(0x1234, d.id());
        }
        assertEquals("d--0000-0000-0000-0001", ArchFxDeviceSlug.parse("d--1").toString());
        assertEquals("d--0000-0000-0000-0001", ArchFxDeviceSlug.parse("d--0000--0001").toString(), "elided zero groups");
        assertEquals("d--0000-0000-0000-0001", ArchFxDeviceSlug.parse("m--0000--0001").toString());
        assertEquals("d--0000-0000-00ab-0001", ArchFxDeviceSlug.parse("d--ab--0001").toString());
        ArchFxDeviceSlug big = ArchFxDeviceSlug.parse("d--1234-0000-0000-0001");
        assertEquals("d--1234-0000-0000-0001", big.toString());
        assertEquals(0x1234, big.block());
        ArchFxDeviceSlug five = ArchFxDeviceSlug.parse("0005");
        assertEquals("d--0000-0000-0000-0005", five.toString());
        assertEquals("0000-0000-0000-0005", five.formattedId());
        assertEquals("d", five.type());
        assertEquals("d--0000-0000-0000-0000", ArchFxDeviceSlug.parse("0000").toString());
        assertEquals("d--0000-0000-0000-0000", ArchFxDeviceSlug.parse("0000-0000-0000").toString());
        assertEquals("d--0000-0001-0000-0123", ArchFxDeviceSlug.parse("m--0000-0001-0000-0123").toString(), "m is d");
        ArchFxDeviceSlug top = ArchFxDeviceSlug.parse("d--ffff-ffff-ffff-ffff");
        assertEquals(-1L, top.id(), "unsigned 64 bits");
        assertEquals(new BigInteger("18446744073709551615"), top.bigId());
        assertEquals("d--0001-0000-0000-0002", ArchFxDeviceSlug.of(1, 2L).toString());
        for (String bad : List.of("string", "x--0000-0000-0000-0001", "d--0x1", "D--1")) {
            invalid(() -> ArchFxDeviceSlug.parse(bad), "ArchFxDeviceSlug", "'" + bad + "'");
        }
        invalid(() -> ArchFxDeviceSlug.from("binary string".getBytes()), "not convertible");
        invalid(() -> ArchFxDeviceSlug.of(-5), "16^16");
        invalid(() -> ArchFxDeviceSlug.of(BigInteger.ONE.shiftLeft(64)), "16^16");
        invalid(() -> ArchFxDeviceSlug.parse("d--1234-0000-0000-0001", false), "16^12");
        invalid(() -> ArchFxDeviceSlug.of(1L << 48, false), "16^12");
        assertEquals(ArchFxDeviceSlug.parse("d--1234"), ArchFxDeviceSlug.of(0x1234));
        assertEquals(Set.of(ArchFxDeviceSlug.of(1)), Set.of(ArchFxDeviceSlug.parse("d--0001")), "hashable");
    }

    @Test
    void streamSlugsParsed() {
        Object[][] vectors = {
                { "sl--0000-0001--0000-0000-0000-0002--5051", "pl--0000-0001", "0000", "0000", "0000-0002", "0000-5051",
                        null },
                { "sa--0000-0001--0000-0001-0000-0123--0001-5051", "pa--0000-0001", "0000", "0001", "0000-0123",
                        "0001-5051", null },
                { "sl--0000-0001--0000-0001-0000-0123--0001-5051", "pl--0000-0001", "0000", "0001", "0000-0123",
                        "0001-5051", null },
                { "ss--0000-0001--0000-0001-0000-0123--0001-5051", "ps--0000-0001", "0000", "0001", "0000-0123",
                        "0001-5051", null },
                { "sa--0001--0000-0123--5051", "pa--0000-0001", "0000", "0000", "0000-0123", "0000-5051", null },
                { "sl--0000-0001--0000-0001-0000-0123--0001-5051--1612829726628904", "pl--0000-0001", "0000", "0001",
                        "0000-0123", "0001-5051", "1612829726628904" } };
        for (Object[] v : vectors) {
            ArchFxStreamSlug.Parts p = ArchFxStreamSlug.parse((String) v[0]).parts();
            assertEquals(v[1], p.parent().toString(), (String) v[0]);
            assertEquals(v[2], p.block());
            assertEquals(v[3], p.scope());
            assertEquals(v[4], p.device());
            assertEquals(v[5], p.variable());
            assertEquals(v[6], p.start());
        }
        assertEquals("sa--0000-0001--0000-0000-0000-0123--0000-5051",
                ArchFxStreamSlug.parse("sa--0001--0000-0123--5051").toString(), "canonical");
        ArchFxStreamSlug sd = ArchFxStreamSlug.parse("sd--0000-0000--0000-0001-0000-0123--0001-5051");
        assertNull(sd.parts().parent(), "sd: no parent (REF raises KeyError)");
        assertEquals("sd", sd.type());
        assertEquals("0000-0000--0000-0001-0000-0123--0001-5051", sd.formattedId());
        invalid(() -> ArchFxStreamSlug.parse("sl--0001--5051"), "at least four terms");
        invalid(() -> ArchFxStreamSlug.parse("sl--1--2--3--4--5"), "at most five");
        invalid(() -> ArchFxStreamSlug.parse("xx--0001--0000-0123--5051"), "sl, sa, ss");
        invalid(() -> ArchFxStreamSlug.parse("sl--0001--0000-0123--5051--12ab"), "decimal digits only");
        invalid(() -> ArchFxStreamSlug.from(5), "Stream ID must be str");
    }

    @Test
    void streamSlugsFromParts() {
        assertEquals("sa--0000-0001--0000-0001-0000-0123--0000-5051",
                ArchFxStreamSlug.of("pa--0000-0001", "d--0000-0001-0000-0123", "5051").toString());
        assertEquals("sd--0000-0000--0000-0001-0000-0123--0001-5051",
                ArchFxStreamSlug.of(null, "d--0000-0001-0000-0123", "0001-5051").toString());
        assertEquals("sa--0000-0001--0000-0001-0000-0123--0000-5051",
                ArchFxStreamSlug.of("pa--0000-0001", "d--0000-0001-0000-0123", 0x5051).toString());
        assertEquals("ss--0000-0001--0000-0001-0000-0123--0000-5051",
                ArchFxStreamSlug.of(ArchFxParentSlug.parse("ps--0000-0001"),
                        ArchFxDeviceSlug.parse("d--0000-0001-0000-0123"), ArchFxVariableId.of(0x5051)).toString());
        assertEquals("sa--0000-0001--0000-0001-0000-0123--0001-5051",
                ArchFxStreamSlug.of(ArchFxParentSlug.parse("pa--0000-0001"),
                        ArchFxDeviceSlug.parse("d--0000-0001-0000-0123"), ArchFxVariableId.of(0x15051)).toString());
        ArchFxParentSlug pa = ArchFxParentSlug.parse("pa--0000-0001");
        ArchFxDeviceSlug dev = ArchFxDeviceSlug.parse("d--0000-0001-0000-0123");
        ArchFxVariableId var = ArchFxVariableId.parse("5051");
        assertEquals("sa--0000-0001--0000-0001-0000-0123--0000-5051--1612829726628904",
                ArchFxStreamSlug.of(pa, dev, var, "1612829726628904").toString());
        invalid(() -> ArchFxStreamSlug.of(pa, dev, var, "16128297266289040"),
                "Start timestamp of 16128297266289040 us is too big (must fit into 16 decimal places)");
        // a datetime: its exact epoch microseconds, zero-padded to 16 digits
        Instant now = Instant.parse("2021-02-09T00:15:26.628904Z");
        assertEquals("sa--0000-0001--0000-0001-0000-0133--0000-5051--1612829726628904",
                ArchFxStreamSlug.of(pa, ArchFxDeviceSlug.parse("d--0000-0001-0000-0133"), var, now).toString());
        assertEquals("sa--0000-0001--0000-0001-0000-0123--0000-5051--0000000000000001",
                ArchFxStreamSlug.of(pa, dev, var, 1L).toString());
        // where the reference's float arithmetic (int(timestamp() * 1e6)) is a microsecond off, we are exact
        Instant lossy = Instant.parse("2255-03-18T00:26:26.161859Z");
        double ref = (double) 9000289586161859L / 1e6;
        assertEquals(9000289586161860L, (long) (ref * 1e6), "the reference's result here");
        assertEquals("sa--0000-0001--0000-0001-0000-0123--0000-5051--9000289586161859",
                ArchFxStreamSlug.of(pa, dev, var, OffsetDateTime.ofInstant(lossy, ZoneOffset.ofHours(2))).toString());
        // the README's example (its assert's 5001 is a typo for 5501)
        assertEquals("sl--0000-0005--0000-0000-0000-000a--0000-5501",
                ArchFxStreamSlug.of(ArchFxParentSlug.of(5, "pl"), ArchFxDeviceSlug.of(10),
                        ArchFxVariableId.parse("0000-5501")).toString());
        assertEquals("sd--0000-0000--0000-0000-0000-0000--0000-5051", ArchFxStreamSlug.of("", "", "5051").toString());
    }

    @Test
    void streamerSlugs() {
        ArchFxStreamerSlug t = ArchFxStreamerSlug.of("d--0000-0000-0000-0001", 1);
        assertEquals("t--0000-0000-0000-0001--0001", t.toString());
        assertEquals("d--0000-0000-0000-0001", t.device().toString());
        assertEquals("0001", t.indexHex());
        assertEquals(t, ArchFxStreamerSlug.parse("t--0000-0000-0000-0001--0001"));
        assertEquals("t--0000-0000-0000-0002--0000", ArchFxStreamerSlug.of(2L, 0x10000).toString(), "index masked");
        assertEquals("t--ffff-ffff-ffff-ffff--0100", ArchFxStreamerSlug.of(-1L, 256).toString(), "device 64 bits");
        invalid(() -> ArchFxStreamerSlug.of((ArchFxDeviceSlug) null, 1), "Unknown device specifier");
        invalid(() -> ArchFxStreamerSlug.parse("x--1--1"), "t--<device>--<index>");
    }

    @Test
    void conversionHelpers() {
        long[] inputs = { 15, 1030, 40960, 65536, (0xff5bL << 32) + 1024 };
        String[] g16 = { "000f", "0406", "a000", "0000", "0400" };
        String[] g32 = { "0000-000f", "0000-0406", "0000-a000", "0001-0000", "0000-0400" };
        String[] g64 = { "0000-0000-0000-000f", "0000-0000-0000-0406", "0000-0000-0000-a000", "0000-0000-0001-0000",
                "0000-ff5b-0000-0400" };
        for (int i = 0; i < inputs.length; i++) {
            assertEquals(g16[i], ArchFxGid.int16gid(inputs[i]));
            assertEquals(g32[i], ArchFxGid.int32gid(inputs[i]));
            assertEquals(g64[i], ArchFxGid.int64gid(inputs[i]));
        }
        assertEquals("0000-0000-000f", ArchFxGid.int48gid(15));
        assertEquals("0000-0000-00ff", ArchFxGid.fixGid("00ff", 3));
        assertEquals("0000-00ff", ArchFxGid.fixGid("0000-0000-00ff", 2), "leftmost groups dropped");
        for (String did : List.of("00ff", "0000-00ff", "0000-0000-00ff")) {
            assertEquals("d--0000-0000-0000-00ff", ArchFxGid.formattedGdid(did));
        }
        assertEquals("d--0000-ff00-0000-0000", ArchFxGid.formattedGdid("ff00-0000-0000"));
        assertEquals("d--0000-ff00-0000-0000", ArchFxGid.formattedGdid("ff00-ff00-0000-0000"));
        assertEquals("d--0001-ff00-0000-0000", ArchFxGid.formattedGdid("ff00-0000-0000", "0001"));
        assertEquals(Optional.of(new ArchFxGid.BlockAndDevice(0, 1)), ArchFxGid.deviceAndBlock("d--0000-0000-0000-0001"));
        assertEquals(Optional.of(new ArchFxGid.BlockAndDevice(2, 1)), ArchFxGid.deviceAndBlock("d--0002-0000-0000-0001"));
        assertEquals(Optional.of(new ArchFxGid.BlockAndDevice(2, 1)), ArchFxGid.deviceAndBlock("b--0002-0000-0000-0001"));
        assertEquals(Optional.empty(), ArchFxGid.deviceAndBlock("foo"));
        invalid(() -> ArchFxGid.fixGid("0x1", 2), "'0x1'");
    }
}
