package org.hyakuyobako.simulate;

import java.io.IOException;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.hyakuyobako.generate.CaptureWriter;
import org.hyakuyobako.generate.FrameBuilder;

/**
 * A discrete-event clock for traffic simulation: actors schedule packets and their own next
 * wake-ups; packets leave in time order, each to its sensor's capture writer. Memory is bounded by
 * what actors schedule ahead (a scan sweep, a flood), never by the length of the simulation.
 */
public final class Simulation {
    /** Something that acts at a time and schedules what follows. */
    public interface Actor {
        void wake(long now, Simulation sim) throws IOException;
    }

    private record Item(long time, long seq, int sensor, byte[] frame, Actor actor) {
    }

    private final PriorityQueue<Item> queue = new PriorityQueue<>(
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private final CaptureWriter[] writers;
    private final SplittableRandom random;
    private final FrameBuilder frames = new FrameBuilder();
    private final long endNanos;
    private long seq;
    private long packets;
    private long now;

    public Simulation(CaptureWriter[] writers, long seed, long endNanos) {
        this.writers = writers;
        this.random = new SplittableRandom(seed);
        this.endNanos = endNanos;
    }

    public SplittableRandom random() {
        return random;
    }

    public FrameBuilder frames() {
        return frames;
    }

    public long now() {
        return now;
    }

    public long end() {
        return endNanos;
    }

    public long packets() {
        return packets;
    }

    /** Schedules the frame just built with {@link #frames()} ({@code length} bytes) on a sensor. */
    public void packet(long time, int sensor, int length) {
        if (time > endNanos) {
            return;
        }
        queue.add(new Item(time, seq++, sensor, Arrays.copyOf(frames.frame(), length), null));
    }

    public void wake(long time, Actor actor) {
        if (time <= endNanos) {
            queue.add(new Item(time, seq++, -1, null, actor));
        }
    }

    /** Runs until nothing is scheduled before the end. */
    public void run() throws IOException {
        Item item;
        while ((item = queue.poll()) != null) {
            now = item.time;
            if (item.frame != null) {
                writers[item.sensor].write(item.time, item.frame, item.frame.length);
                packets++;
            } else {
                item.actor.wake(item.time, this);
            }
        }
    }
}
