package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.StatsEvent;
import org.hyakuyobako.flow.Flow;
import org.hyakuyobako.flow.FlowConfig;
import org.hyakuyobako.flow.FlowTable;
import org.hyakuyobako.decode.LinkType;
import org.hyakuyobako.decode.PacketDecoder;
import org.hyakuyobako.generate.FrameBuilder;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.source.PacketRecord;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The engine's own thread (ADR 0019): it sees every message in the order sent, its output reaches
 * the pipeline thread in the same order and all of it by the finish, a payload its source reuses is
 * copied before the source moves on, a failure on the engine thread surfaces on the pipeline's.
 */
class ThreadedFeedTest {
    /** An engine side that remembers what it saw and emits one event per message, named by its number. */
    private static final class Recorder implements java.util.function.Consumer<EngineMessage> {
        final List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        java.util.function.Consumer<Event> out;

        @Override
        public void accept(EngineMessage m) {
            threads.add(Thread.currentThread().getName());
            if (m.kind == EngineMessage.Kind.FINISH) {
                return;
            }
            seen.add(m.flowId);
            out.accept(new StatsEvent(m.timestampNanos, java.util.Map.of("n", m.flowId)));
        }
    }

    private static long number(Event e) {
        return ((StatsEvent) e).counters().get("n");
    }

    private static ThreadedFeed feed(Recorder r, List<Event> emitted, List<String> emitThreads) {
        ThreadedFeed feed = new ThreadedFeed(e -> {
            emitted.add(e);
            emitThreads.add(Thread.currentThread().getName());
        });
        r.out = feed.output();
        feed.inspectWith(r);
        return feed;
    }

    private static void send(ThreadedFeed feed, long n, long ts) {
        EngineMessage m = feed.next();
        m.kind = EngineMessage.Kind.EVENT;
        m.flowId = n;
        m.timestampNanos = ts;
        feed.send();
    }

    @Test
    void everyMessageInOrderOnTheEngineThreadAndItsOutputBackInOrder() {
        Recorder r = new Recorder();
        List<Event> emitted = new ArrayList<>();
        List<String> emitThreads = new ArrayList<>();
        ThreadedFeed feed = feed(r, emitted, emitThreads);
        int n = ThreadedFeed.BATCH * ThreadedFeed.BATCHES * 5 + 17;
        for (long i = 0; i < n; i++) {
            send(feed, i, i);
            // Bounded: what is not yet back is the batches in flight.
            assertTrue(emitted.size() >= i + 1 - (long) ThreadedFeed.BATCH * ThreadedFeed.BATCHES, "held back at " + i);
        }
        assertTrue(emitted.size() < n, "output arrives batches behind the packets");
        feed.finish();
        assertEquals(n, r.seen.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, r.seen.get(i));
            assertEquals(i, number(emitted.get(i)), "output in the order of the messages");
        }
        assertEquals(Set.of("signature-engine"), r.threads);
        assertEquals(Set.of(Thread.currentThread().getName()), Set.copyOf(emitThreads), "sinks are called from the pipeline thread only");
        // After the finish, the engine's thread is gone and messages are inspected at once, here.
        send(feed, n, n);
        assertEquals(n + 1, emitted.size());
        assertTrue(r.threads.contains(Thread.currentThread().getName()));
    }

    @Test
    void aFailureOnTheEngineThreadSurfacesOnThePipelineThread() {
        IllegalStateException boom = new IllegalStateException("rule exploded");
        ThreadedFeed feed = new ThreadedFeed(e -> { });
        feed.inspectWith(m -> {
            if (m.flowId == 3_000) {
                throw boom;
            }
        });
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            for (long i = 0; i < 100_000; i++) {
                send(feed, i, i);
            }
            feed.finish();
        });
        assertSame(boom, thrown);
    }

    @Test
    void aPayloadItsSourceReusesIsCopiedAMappedOneIsNot() throws Exception {
        Flow flow = aFlow();
        List<Byte> firstBytes = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> inPlace = Collections.synchronizedList(new ArrayList<>());
        ThreadedFeed feed = new ThreadedFeed(e -> { });
        feed.inspectWith(m -> {
            if (m.kind == EngineMessage.Kind.PACKET) {
                firstBytes.add(m.payloadBuffer.get(m.payloadOffset));
                inPlace.add(m.payloadInPlace);
            }
        });
        ByteBuffer reused = ByteBuffer.allocate(2_000);
        ByteBuffer mapped = ByteBuffer.allocateDirect(2_000);
        DecodedPacket p = new DecodedPacket();
        p.record = new PacketRecord();
        int n = ThreadedFeed.BATCH * 3;
        for (int i = 0; i < n; i++) {
            boolean stable = i % 3 == 0;
            ByteBuffer b = stable ? mapped : reused;
            p.record.buffer = b;
            p.record.stableBuffer = stable;
            p.payloadBuffer = b;
            p.payloadOffset = 10;
            p.payloadCaptured = i % 5 == 0 ? 1_990 : 100;
            p.payloadLength = p.payloadCaptured;
            if (!stable) {
                b.put(10, (byte) i);     // the source writes its next packet where the last one was
            }
            feed.next().packet(p, flow, new MessageInspector.Connection(), feed.copiesPayloads());
            feed.send();
            if (!stable) {
                b.put(10, (byte) 0x55);
            }
        }
        feed.finish();
        assertEquals(n, firstBytes.size());
        for (int i = 0; i < n; i++) {
            if (i % 3 != 0) {
                assertEquals((byte) i, firstBytes.get(i), "packet " + i + " read as it was sent");
                assertEquals(false, inPlace.get(i));
            } else {
                assertEquals(true, inPlace.get(i), "a mapped capture's payload crosses as a view");
            }
        }
    }

    @Test
    void largeCopiedPayloadsGoInSmallerBatchesSoTheCopiesInFlightStayBounded() {
        Flow flow = aFlow();
        List<Event> emitted = new ArrayList<>();
        ThreadedFeed feed = new ThreadedFeed(emitted::add);
        java.util.function.Consumer<Event> out = feed.output();
        feed.inspectWith(m -> {
            if (m.kind == EngineMessage.Kind.PACKET) {
                out.accept(new StatsEvent(m.timestampNanos, java.util.Map.of("n", (long) m.payloadCaptured)));
            }
        });
        ByteBuffer reused = ByteBuffer.allocate(60_000);
        DecodedPacket p = new DecodedPacket();
        p.record = new PacketRecord();
        p.record.buffer = reused;
        p.payloadBuffer = reused;
        p.payloadCaptured = 60_000;
        int perBatch = ThreadedFeed.BATCH_BYTES / 60_000 + 1;
        for (int i = 0; i < 2_000; i++) {
            feed.next().packet(p, flow, new MessageInspector.Connection(), feed.copiesPayloads());
            feed.send();
            // Not 16 batches of 1,024 packets of 60 KB (nearly 1 GB) in flight: a batch goes at 1 MB.
            assertTrue(emitted.size() >= i + 1 - ThreadedFeed.BATCHES * perBatch, "held back at " + i + ": " + (i + 1 - emitted.size()));
        }
        feed.finish();
        assertEquals(2_000, emitted.size());
    }

    /** A flow as the flow table makes it from a decoded TCP packet (the message copies its fields). */
    private static Flow aFlow() {
        FrameBuilder fb = new FrameBuilder();
        int len = fb.tcp4(0x0a000001, 0x0a000002, 40000, 80, 1, 0, FrameBuilder.SYN, 1000, null, 0);
        PacketRecord r = new PacketRecord();
        r.buffer = ByteBuffer.wrap(Arrays.copyOf(fb.frame(), len));
        r.capturedLength = len;
        r.wireLength = len;
        r.linkType = LinkType.ETHERNET;
        DecodedPacket p = new DecodedPacket();
        assertTrue(new PacketDecoder(InputDiagnostics.silent(), List.of("t"), true).decode(r, p));
        return new FlowTable(FlowConfig.DEFAULT).process(p);
    }
}
