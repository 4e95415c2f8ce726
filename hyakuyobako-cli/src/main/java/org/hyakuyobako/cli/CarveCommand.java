package org.hyakuyobako.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hyakuyobako.carve.CarveFilter;
import org.hyakuyobako.carve.PacketCarver;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.pipeline.SensorSpec;
import org.hyakuyobako.source.InputDiagnostics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code carve}: the packets behind a verdict, from the same captures, into one pcapng for Wireshark. */
@Command(name = "carve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Write the packets of one host (optionally with one peer, within a time window) from the given",
            "captures, merged on packet time, into one pcapng file a person opens in Wireshark."
        })
final class CarveCommand implements Callable<Integer> {
    private static final DateTimeFormatter EVE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSS][.SSS]Z");

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Captures (as for analyze; a directory stands for its files).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--sensor", paramLabel = "NAME=FILE[,FILE...]", description = "A sensor and its captures; repeatable.")
    List<String> sensors = new ArrayList<>();

    @Option(names = "--host", required = true, paramLabel = "IP", description = "The host whose packets to write.")
    String host;

    @Option(names = "--peer", paramLabel = "IP", description = "Only packets between the host and this address.")
    String peer;

    @Option(names = "--from", paramLabel = "TIME", description = "Packet time from (ISO-8601, e.g. 2008-04-28T08:01:00Z or eve.json's form).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Packet time to, inclusive.")
    String to;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The pcapng file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<SensorSpec> specs = SensorArguments.parse(sensors, files);
        if (specs.isEmpty()) {
            throw new UserError("no input: give capture files, or --sensor NAME=FILE (see --help)");
        }
        long[] h = address("--host", host);
        long[] p = peer == null ? new long[2] : address("--peer", peer);
        long fromNanos = from == null ? Long.MIN_VALUE : time("--from", from);
        long toNanos = to == null ? Long.MAX_VALUE : time("--to", to);
        if (fromNanos > toNanos) {
            throw new UserError("--from " + from + " is after --to " + to);
        }
        CarveFilter filter = new CarveFilter(h[0], h[1], peer != null, p[0], p[1], fromNanos, toNanos);
        PacketCarver.Result r = PacketCarver.carve(specs, filter, out, new InputDiagnostics(System.err));
        System.out.printf("carved %,d of %,d packets (%,d bytes) into %s%n", r.packetsWritten(), r.packetsRead(),
                r.bytesWritten(), out);
        return 0;
    }

    private static long[] address(String option, String text) {
        try {
            return IpAddresses.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + " " + text + ": not an IP address");
        }
    }

    static long time(String option, String text) {
        try {
            Instant i = text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text, EVE_TIME).toInstant();
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        } catch (DateTimeParseException e) {
            throw new UserError(option + " " + text + ": not a time (use 2008-04-28T08:01:00Z or 2008-04-28T08:01:00.640000+0000)");
        }
    }
}
