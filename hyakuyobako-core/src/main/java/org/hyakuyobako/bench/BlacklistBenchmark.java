package org.hyakuyobako.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.detect.blacklist.BlacklistLoader;
import org.hyakuyobako.detect.blacklist.Blacklists;

/**
 * Loads a list of {@code entries} random IPv4 addresses and prefixes (written as a plain list file,
 * so parsing is measured too) and looks up {@code lookups} random addresses.
 */
public final class BlacklistBenchmark {
    /** Times in nanoseconds. */
    public record Result(int entries, long loadNanos, long lookups, long lookupNanos, long hits, long heapBytes) {
        public double lookupsPerSecond() {
            return lookups / (lookupNanos / 1e9);
        }
    }

    private BlacklistBenchmark() {
    }

    public static Result run(Path work, int entries, long lookups) throws IOException {
        Files.createDirectories(work);
        Path list = work.resolve("bench-blacklist.txt");
        SplittableRandom r = new SplittableRandom(42);
        try (BufferedWriter w = Files.newBufferedWriter(list)) {
            for (int i = 0; i < entries; i++) {
                int a = r.nextInt();
                if (i % 4 == 0) {
                    w.write(IpAddresses.formatV4(a & 0xFFFF_FF00) + "/24\n");
                } else {
                    w.write(IpAddresses.formatV4(a) + "\n");
                }
            }
        }
        System.gc();
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        Blacklists lists = new Blacklists();
        long t0 = System.nanoTime();
        new BlacklistLoader(lists, m -> { }).load(list);
        long load = System.nanoTime() - t0;
        System.gc();
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory() - before;
        long hits = 0;
        long t1 = System.nanoTime();
        for (long i = 0; i < lookups; i++) {
            if (lists.addresses.lookup(0L, IpAddresses.v4Lo(r.nextInt())) != null) {
                hits++;
            }
        }
        long lookup = System.nanoTime() - t1;
        Files.deleteIfExists(list);
        return new Result(lists.addresses.size(), load, lookups, lookup, hits, heap);
    }
}
