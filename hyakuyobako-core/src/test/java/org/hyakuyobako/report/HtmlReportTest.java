package org.hyakuyobako.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.hyakuyobako.correlate.CorrelationConfig;
import org.hyakuyobako.correlate.Correlator;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.CncEndpoint;
import org.hyakuyobako.event.CncEvent;
import org.hyakuyobako.event.EveContext;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.GroupEvent;
import org.hyakuyobako.event.VerdictEvent;
import org.hyakuyobako.simulate.Scenario;
import org.hyakuyobako.sink.DuckDbSink;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.RequiredInCi;
import org.hyakuyobako.testing.SimulatedCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html: every section, escaped network text, and a real browser that renders it. */
class HtmlReportTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String HOSTILE = "<script>alert(1)</script>\"';--";

    @TempDir
    Path dir;

    @Test
    void networkTextIsEscapedEverywhere() throws Exception {
        Path db = dir.resolve("store.duckdb");
        try (DuckDbSink store = new DuckDbSink(db, new EveContext(List.of("hp1"), List.of("a.pcap")))) {
            long t = 1_200_000_000_000_000_000L;
            store.accept(new EvidenceEvent(t, t, "10.0.0.1", "198.51.100.1:6667", "irc", 0.8, "topic " + HOSTILE, List.of("channel:" + HOSTILE)));
            store.accept(new VerdictEvent(t, t, "10.0.0.1", "infected", 0.9, Map.of("irc", 0.8), List.of("cnc"),
                    List.of("198.51.100.1:6667"), List.of("cnc-1"), List.of(new VerdictEvent.Item("irc", "198.51.100.1:6667", 0.8, 0.8,
                    1, t, t, "topic " + HOSTILE, List.of())), 1));
            store.accept(new CncEvent(t, new CncEndpoint("198.51.100.1", 6667, "irc"), List.of("10.0.0.1"), 0.9,
                    List.of("named by " + HOSTILE), List.of()));
            store.accept(new GroupEvent(t, "cnc-1", List.of("10.0.0.1"), List.of(new CncEndpoint("198.51.100.1", 6667, "irc"))));
        }
        Path html = dir.resolve("report.html");
        HtmlReport.write(db, html);
        String text = Files.readString(html);
        assertFalse(text.contains("<script"), "no markup from the network");
        assertTrue(text.contains("topic &lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;;--"), text);
        for (String id : List.of("summary", "verdicts", "hosts", "cnc", "moments", "scans", "sync")) {
            assertTrue(text.contains("<section id=\"" + id + "\">"), id);
        }
    }

    /** The simulated honeypots' report, rendered by headless Chromium: not blank, the verdict table drawn. */
    @Test
    void theReportOfASimulatedRunRendersInChromium() throws Exception {
        Path run = dir.resolve("sim");
        new Scenario(Scenario.Spec.honeypot(21)).write(run);
        Path db = dir.resolve("store.duckdb");
        EventCollector out;
        try (DuckDbSink store = new DuckDbSink(db, new EveContext(List.of("hp1", "hp2", "hp3", "hp4", "hp5"), List.of()))) {
            out = SimulatedCaptures.analyse(run, (analysis, options) -> {
                Detectors.addDefaults(analysis, options);
                Correlator.attach(analysis, CorrelationConfig.defaults());
            }, List.of(store));
        }
        Path html = dir.resolve("report.html");
        HtmlReport.write(db, html);
        String text = Files.readString(html);
        int verdicts = out.of(VerdictEvent.class).size();
        assertTrue(verdicts >= 3);
        assertEquals(verdicts, count(text, "<td class=\"infected\">") + count(text, "<td class=\"suspicious\">"));
        assertEquals(3, count(text, "<svg class=\"wheel\""), "three key moments, each with a wheel");
        assertEquals(3, count(text, "<svg class=\"columns\""), "and its mirrored columns");
        assertTrue(count(text, "<svg class=\"timeline\"") == verdicts, "one evidence timeline per judged host");

        RequiredInCi.assumePresent(Files.isExecutable(CHROMIUM),
                "Chromium is not installed: run scripts/test (or scripts/install-test-deps.sh) to get the browser test");
        Path png = dir.resolve("report.png");
        Path log = dir.resolve("chromium.log");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--window-size=1280,2000", "--screenshot=" + png, html.toUri().toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        String messages = Files.readString(log, StandardCharsets.UTF_8);
        assertFalse(messages.contains("Uncaught") || messages.contains(":CONSOLE("), messages);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        long inked = 0;
        long verdictRed = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (r + g + b < 600) {
                    inked++;
                }
                if (Math.abs(r - 0xc0) < 12 && Math.abs(g - 0x39) < 12 && Math.abs(b - 0x2b) < 12) {
                    verdictRed++;
                }
            }
        }
        long sampled = (long) (image.getWidth() / 2) * (image.getHeight() / 2);
        assertTrue(inked > sampled / 50, "the page is not blank: " + inked + " of " + sampled + " sampled pixels inked");
        assertTrue(verdictRed > 50, "the infected cells of the verdict table are drawn: " + verdictRed);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
