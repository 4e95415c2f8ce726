package org.hyakuyobako.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamReassemblerTest {
    /** Records the stream as text, gaps as "[gap N]". */
    static final class Recorder implements StreamConsumer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> gaps = new ArrayList<>();
        long expected;
        int ends;

        @Override
        public void data(ByteBuffer buffer, int offset, int length, long streamOffset) {
            assertEquals(expected, streamOffset, "data arrives in order");
            byte[] b = new byte[length];
            buffer.get(offset, b);
            bytes.writeBytes(b);
            expected += length;
        }

        @Override
        public void gap(long streamOffset, long length) {
            assertEquals(expected, streamOffset, "gaps arrive in order");
            gaps.add(streamOffset + "+" + length);
            bytes.writeBytes(("[gap " + length + "]").getBytes(StandardCharsets.US_ASCII));
            expected += length;
        }

        @Override
        public void end() {
            ends++;
        }

        String text() {
            return bytes.toString(StandardCharsets.US_ASCII);
        }
    }

    private final Recorder out = new Recorder();
    private final ReassemblyCounters counters = new ReassemblyCounters();

    private StreamReassembler reassembler(ReassemblyLimits limits) {
        return new StreamReassembler(out, limits, counters);
    }

    private static void send(StreamReassembler r, int isn, String stream, int from, int to, boolean fin) {
        byte[] all = stream.getBytes(StandardCharsets.US_ASCII);
        r.segment(isn + 1 + from, ByteBuffer.wrap(all), from, to - from, fin);
    }

    @Test
    void inOrderOutOfOrderAndRetransmitted() {
        StreamReassembler r = reassembler(ReassemblyLimits.DEFAULT);
        String s = "NICK bot\r\nUSER x 0 0 :x\r\nJOIN #c\r\n";
        int isn = 1000;
        r.syn(isn);
        send(r, isn, s, 0, 10, false);
        send(r, isn, s, 24, s.length(), false); // ahead of a hole
        send(r, isn, s, 0, 10, false);          // retransmission
        assertEquals("NICK bot\r\n", out.text());
        send(r, isn, s, 10, 24, false);         // fills the hole
        assertEquals(s, out.text());
        assertEquals(10, counters.retransmittedBytes());
        assertEquals(1, counters.segmentsOutOfOrder());
        assertEquals(0, counters.heldBytes());
        r.finish();
        assertEquals(1, out.ends);
    }

    @Test
    void overlapsKeepTheFirstCopyAndDifferingOnesAreCounted() {
        StreamReassembler r = reassembler(ReassemblyLimits.DEFAULT);
        int isn = 5;
        r.syn(isn);
        byte[] first = "AAAAAAAAAA".getBytes(StandardCharsets.US_ASCII);
        byte[] evasion = "BBBBBBBBBBBBBBB".getBytes(StandardCharsets.US_ASCII);
        r.segment(isn + 1 + 5, ByteBuffer.wrap(first), 0, 10, false);   // held at 5..15
        r.segment(isn + 1, ByteBuffer.wrap(evasion), 0, 15, false);      // 0..15 overlaps 5..15 held
        assertEquals("BBBBBAAAAAAAAAA", out.text(), "held bytes are the first copy");
        assertEquals(10, counters.overlapBytes());
        assertEquals(1, counters.overlapsDiffering(), "the later copy differed (B over A)");
        // Now a differing overlap against held data.
        r.segment(isn + 1 + 20, ByteBuffer.wrap(first), 0, 10, false);  // held 20..30
        r.segment(isn + 1 + 25, ByteBuffer.wrap(evasion), 0, 10, false); // 25..35 overlaps 25..30 differently
        assertEquals(2, counters.overlapsDiffering());
        r.finish();
        assertEquals("BBBBBAAAAAAAAAA[gap 5]AAAAAAAAAABBBBB", out.text());
    }

    @Test
    void aHoleTheAckPassesIsAGapAndTheStreamGoesOn() {
        StreamReassembler r = reassembler(ReassemblyLimits.DEFAULT);
        String s = "0123456789abcdefghij";
        int isn = 77;
        r.syn(isn);
        send(r, isn, s, 0, 5, false);
        send(r, isn, s, 10, 20, false);
        assertEquals("01234", out.text(), "waiting for the hole");
        r.ack(isn + 1 + 20); // the peer got everything: 5..10 is lost to the capture
        assertEquals("01234[gap 5]abcdefghij", out.text());
        assertEquals(List.of("5+5"), out.gaps);
    }

    @Test
    void memoryLimitsSkipAheadInsteadOfGrowing() {
        StreamReassembler r = reassembler(new ReassemblyLimits(64, 1 << 20));
        int isn = 0;
        r.syn(isn);
        byte[] chunk = new byte[40];
        r.segment(isn + 1 + 100, ByteBuffer.wrap(chunk), 0, 40, false);
        assertEquals(0, counters.gaps());
        r.segment(isn + 1 + 140, ByteBuffer.wrap(chunk), 0, 40, false); // 80 held > 64
        assertEquals(1, counters.limitHits());
        assertEquals(List.of("0+100"), out.gaps);
        assertEquals(180, r.nextOffset());
        assertTrue(counters.heldBytes() <= 64);
    }

    @Test
    void midStreamPickupFinAndSequenceWrap() {
        StreamReassembler r = reassembler(ReassemblyLimits.DEFAULT);
        String s = "HTTP/1.1 200 OK\r\n\r\nbody";
        int start = 0xFFFF_FFF8; // wraps after 8 bytes
        byte[] all = s.getBytes(StandardCharsets.US_ASCII);
        r.segment(start + 10, ByteBuffer.wrap(all), 10, all.length - 10, false); // picked up here
        r.segment(start, ByteBuffer.wrap(all), 0, 10, false);
        r.segment(start + all.length, ByteBuffer.wrap(all), 0, 0, true); // FIN
        // No SYN seen: the first segment seen starts the stream at offset 0, so an earlier one that
        // arrives after it lies before the stream's start and is counted as retransmitted.
        assertEquals(10, counters.retransmittedBytes());
        assertEquals("\r\nbody", out.text().substring(out.text().length() - 6));
        assertEquals(1, out.ends, "the FIN ended it");
        Recorder second = new Recorder();
        StreamReassembler again = new StreamReassembler(second, ReassemblyLimits.DEFAULT, new ReassemblyCounters());
        again.segment(start, ByteBuffer.wrap(all), 0, 10, false);
        again.segment(start + 10, ByteBuffer.wrap(all), 10, all.length - 10, true);
        assertEquals(s, second.text(), "offsets survive the 32-bit wrap");
        assertEquals(1, second.ends, "FIN ends the stream once its data is in");
    }

    @Test
    void anyArrivalOrderGivesTheSameStream() {
        byte[] data = new byte[5000];
        new Random(1).nextBytes(data);
        Random random = new Random(2);
        for (int round = 0; round < 50; round++) {
            List<int[]> segments = new ArrayList<>();
            for (int p = 0; p < data.length; ) {
                int len = 1 + random.nextInt(300);
                segments.add(new int[] {p, Math.min(data.length, p + len)});
                p += len;
            }
            Collections.shuffle(segments, random);
            // Some segments twice, some overlapping their neighbours by a few bytes.
            List<int[]> sent = new ArrayList<>(segments);
            for (int i = 0; i < 10; i++) {
                int[] s = segments.get(random.nextInt(segments.size()));
                sent.add(random.nextInt(sent.size()), new int[] {Math.max(0, s[0] - 3), Math.min(data.length, s[1] + 3)});
            }
            Recorder rec = new Recorder();
            StreamReassembler r = new StreamReassembler(rec, ReassemblyLimits.DEFAULT, new ReassemblyCounters());
            int isn = random.nextInt();
            r.syn(isn);
            for (int[] s : sent) {
                r.segment(isn + 1 + s[0], ByteBuffer.wrap(data), s[0], s[1] - s[0], false);
            }
            r.finish();
            byte[] got = rec.bytes.toByteArray();
            assertEquals(List.of(), rec.gaps, "round " + round);
            assertTrue(java.util.Arrays.equals(data, got), "round " + round);
        }
    }
}
