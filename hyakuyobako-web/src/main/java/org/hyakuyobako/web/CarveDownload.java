package org.hyakuyobako.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.carve.CarveFilter;
import org.hyakuyobako.carve.PacketCarver;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.pipeline.SensorSpec;
import org.hyakuyobako.source.InputDiagnostics;

/**
 * {@code GET /api/hosts/{ip}/carve.pcapng}: the host's packets, carved from the captures the run
 * read (as {@code carve} does) into {@code carve/} inside the result directory, then sent. The
 * captures are found where analyze read them: absolute names as they are, relative ones against
 * analyze's working directory (table {@code run}), then against the result directory's parent.
 * One carve at a time: each reads every capture of the host's sensors.
 */
final class CarveDownload {
    /** The captures are not where the store says: the answer names the first one missing. */
    static final class CapturesMissing extends IOException {
        CapturesMissing(String message) {
            super(message);
        }
    }

    private final ResultStore store;

    CarveDownload(ResultStore store) {
        this.store = store;
    }

    synchronized Path carve(String ip, String peer, Double fromMs, Double toMs) throws IOException, SQLException {
        String host = HostApi.canonical(ip);
        long[] h = IpAddresses.parse(host);
        long[] p = peer == null ? new long[2] : IpAddresses.parse(HostApi.canonical(peer));
        long from = fromMs == null ? Long.MIN_VALUE : Math.round(fromMs * 1e6);
        long to = toMs == null ? Long.MAX_VALUE : Math.round(toMs * 1e6);
        List<SensorSpec> sensors = sensorsOf(host);
        if (sensors.isEmpty()) {
            throw new IllegalArgumentException("no flow of " + host + " in this run: nothing to carve");
        }
        Path dir = store.dir().resolve("carve");
        Files.createDirectories(dir);
        Path out = dir.resolve(host.replace(':', '_') + (peer == null ? "" : "-" + peer.replace(':', '_')) + ".pcapng");
        PacketCarver.carve(sensors, new CarveFilter(h[0], h[1], peer != null, p[0], p[1], from, to), out, InputDiagnostics.silent());
        return out;
    }

    private List<SensorSpec> sensorsOf(String host) throws SQLException, IOException {
        Map<String, List<Path>> files = new LinkedHashMap<>();
        String workingDirectory = store.read(c -> {
            Map<String, Object> row = Rows.first(c, "select value from run where key = 'working_directory'");
            return row == null ? null : (String) row.get("value");
        });
        for (Map<String, Object> row : store.read(c -> Rows.query(c, """
                select distinct sensor, capture_file from flow where (src_ip = ? or dest_ip = ?) and capture_file is not null
                 order by sensor, capture_file""", host, host))) {
            String name = (String) row.get("capture_file");
            files.computeIfAbsent((String) row.get("sensor"), k -> new ArrayList<>()).add(locate(name, workingDirectory));
        }
        List<SensorSpec> out = new ArrayList<>();
        files.forEach((sensor, paths) -> out.add(new SensorSpec(sensor, paths)));
        return out;
    }

    private Path locate(String name, String workingDirectory) throws CapturesMissing {
        Path given = Path.of(name);
        List<Path> candidates = new ArrayList<>();
        if (given.isAbsolute()) {
            candidates.add(given);
        } else {
            if (workingDirectory != null) {
                candidates.add(Path.of(workingDirectory).resolve(given));
            }
            candidates.add(given.toAbsolutePath());
            Path parent = store.dir().getParent();
            if (parent != null) {
                candidates.add(parent.resolve(given));
            }
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new CapturesMissing("capture " + name + " is not where analyze read it (looked at " + candidates
                + "); run ./hyakuyobako carve with the captures instead");
    }
}
