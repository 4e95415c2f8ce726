package org.hyakuyobako.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyakuyobako.generate.SyntheticCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Killing {@code analyze} half-way (SIGKILL, no shutdown hook) leaves a store that opens and holds what was loaded. */
class InterruptedRunTest {
    @TempDir
    Path dir;

    @Test
    void aKilledRunLeavesAReadableStore() throws Exception {
        Path capture = dir.resolve("big.pcap");
        // The honeypot profile is mostly one-packet probes: many flows, so the store loads batches early.
        new SyntheticCapture(3, SyntheticCapture.Profile.honeypot, 64).write(capture, 250L << 20);
        Path out = dir.resolve("out");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "-cp", classpath, Main.class.getName(), "analyze", "-q", "--out", out.toString(), capture.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
        Path db = out.resolve("hyakuyobako.duckdb");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // Each committed batch of 200,000 rows grows the write-ahead log by about 1.5 MB: wait for two,
        // then kill without warning.
        while (p.isAlive() && System.nanoTime() < deadline && walSize(db) < 3 << 20) {
            Thread.sleep(20);
        }
        boolean killedMidway = p.isAlive();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(killedMidway, "the run ended before it could be killed: " + Files.readString(dir.resolve("run.log")));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select (select count(*) from flow) + (select count(*) from sync_host)")) {
            rs.next();
            assertTrue(rs.getLong(1) >= 200_000, "the loaded batches are there: " + rs.getLong(1) + " flow and sync rows");
        }
    }

    private static long walSize(Path db) throws java.io.IOException {
        Path wal = db.resolveSibling(db.getFileName() + ".wal");
        return Files.exists(wal) ? Files.size(wal) : 0;
    }
}
