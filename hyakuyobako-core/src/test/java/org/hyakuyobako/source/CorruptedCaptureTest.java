package org.hyakuyobako.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.pipeline.Analysis;
import org.hyakuyobako.pipeline.AnalysisOptions;
import org.hyakuyobako.pipeline.AnalysisSummary;
import org.hyakuyobako.pipeline.ProgressListener;
import org.hyakuyobako.pipeline.SensorSpec;
import org.hyakuyobako.testing.Captures;
import org.hyakuyobako.testing.Corpus;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real captures damaged at random (flipped bytes, cut at random points, garbage spliced in,
 * gzip-compressed after damage): the whole pipeline, detectors included, must neither throw nor
 * hang, and must still read packets from every file that has an intact header.
 */
class CorruptedCaptureTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ndpi/emotet.pcap", "ndpi/malware.pcap", "ndpi/tcp_scan.pcapng", "zeek/irc-353.pcap",
        "zeek/http-on-irc-port-missing-syn.pcapng", "ndpi/synscan.pcap"})
    void damagedCapturesNeverCrashTheRun(String name) throws IOException {
        byte[] original = Files.readAllBytes(Corpus.file(name));
        Random random = new Random(name.hashCode());
        for (int round = 0; round < 40; round++) {
            byte[] damaged = damage(original, random);
            boolean gzip = round % 5 == 4;
            Path file = dir.resolve("damaged-" + round + (gzip ? ".gz" : ""));
            Files.write(file, gzip ? gzip(damaged) : damaged);
            List<SensorSpec> sensors = List.of(new SensorSpec("s", List.of(file)));
            AnalysisOptions options = AnalysisOptions.defaults();
            Captures.RecordingDiagnostics rd = new Captures.RecordingDiagnostics();
            Analysis analysis = new Analysis(sensors, options, List.of(), rd.diagnostics, ProgressListener.NONE);
            Detectors.addDefaults(analysis, options);
            org.hyakuyobako.correlate.Correlator.attach(analysis, org.hyakuyobako.correlate.CorrelationConfig.defaults());
            AnalysisSummary summary = assertTimeoutPreemptively(Duration.ofSeconds(20), analysis::run,
                    name + " round " + round);
            assertTrue(summary.packets() >= 0);
            // A read failure other than a broken gzip stream would be a bug in a reader.
            if (!gzip) {
                assertEquals(0, rd.diagnostics.count(SkipReason.UNREADABLE), name + " round " + round + ": " + rd.messages());
            }
        }
    }

    private static byte[] damage(byte[] original, Random random) {
        byte[] b = original.clone();
        int header = 32;
        switch (random.nextInt(4)) {
            case 0 -> {
                // Flip bytes anywhere after the file header.
                for (int i = 0; i < 1 + random.nextInt(50); i++) {
                    b[header + random.nextInt(b.length - header)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            case 1 -> b = java.util.Arrays.copyOf(b, header + random.nextInt(b.length - header));
            case 2 -> {
                int at = header + random.nextInt(b.length - header);
                byte[] junk = new byte[1 + random.nextInt(5000)];
                random.nextBytes(junk);
                byte[] out = new byte[b.length + junk.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(b, at, out, at + junk.length, b.length - at);
                b = out;
            }
            default -> {
                // Length fields are the dangerous ones: hit the first few record headers hard.
                for (int i = 0; i < 20; i++) {
                    b[header + random.nextInt(Math.min(2000, b.length - header))] = (byte) random.nextInt();
                }
            }
        }
        return b;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }
}
