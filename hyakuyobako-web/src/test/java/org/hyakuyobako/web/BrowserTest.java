package org.hyakuyobako.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.hyakuyobako.event.VerdictEvent;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.simulate.Scenario;
import org.hyakuyobako.testing.RequiredInCi;
import org.hyakuyobako.testing.TcpScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.bidi.log.LogLevel;
import org.openqa.selenium.bidi.module.LogInspector;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in real headless Chromium (Debian's chromium and chromium-driver, which scripts/test
 * installs): each loads without a console error, the animation advances, the mirrored columns at
 * a synchronized event are mirror images where the event's lines are drawn, and markup from a
 * capture stays text.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String HOSTILE_TOPIC = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    static final String IRC_CLIENT = "10.9.8.7";

    @TempDir
    static Path tmp;
    static AnalyzedRun honeypots;
    static WebServer server;
    static WebServer hostileServer;

    WebDriver driver;
    LogInspector logs;
    final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void analyseAndServe() throws IOException {
        RequiredInCi.assumePresent(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and ChromeDriver are not installed: run scripts/test (or scripts/install-test-deps.sh) for the browser tests");
        Path captures = tmp.resolve("captures");
        new Scenario(Scenario.Spec.honeypot(21)).write(captures);
        honeypots = AnalyzedRun.of(captures, tmp.resolve("out"));
        server = WebServer.start(new ServeOptions(honeypots.dir, "127.0.0.1", 0, null));
        Path hostile = tmp.resolve("hostile");
        Files.createDirectories(hostile);
        writeHostileIrc(hostile.resolve("sensor.pcap"));
        hostileServer = WebServer.start(new ServeOptions(AnalyzedRun.of(hostile, tmp.resolve("hostile-out")).dir, "127.0.0.1", 0, null));
    }

    /** An IRC session whose server sets a topic full of markup, as a capture holds it. */
    private static void writeHostileIrc(Path file) throws IOException {
        try (PcapWriter out = new PcapWriter(file, 1)) {
            TcpScript s = new TcpScript(out, IRC_CLIENT, 40001, "198.51.100.77", 6667, 1_209_369_600_000_000_000L);
            s.client("NICK x" + HOSTILE_TOPIC.length() + "\r\nUSER a 0 0 :" + HOSTILE_TOPIC + "\r\nJOIN #c\r\n");
            s.server(":srv 332 x #c :" + HOSTILE_TOPIC + "\r\n:srv 376 x :end\r\n");
            s.client("PRIVMSG #c :" + HOSTILE_TOPIC + "\r\n");
            s.close();
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (hostileServer != null) {
            hostileServer.close();
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(tmp.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1300,1100",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "profile"));
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        options.setCapability("webSocketUrl", true);
        driver = new ChromeDriver(service, options);
        logs = new LogInspector(driver);
        logs.onLog(entry -> {
            entry.getConsoleLogEntry().ifPresent(c -> {
                if (c.getLevel() == LogLevel.ERROR) {
                    errors.add("console: " + c.getText());
                }
            });
            entry.getJavascriptLogEntry().ifPresent(j -> errors.add("javascript: " + j.getText()));
        });
    }

    @AfterEach
    void closeBrowser() {
        if (logs != null) {
            logs.close();
        }
        if (driver != null) {
            driver.quit();
        }
    }

    private String base(WebServer s) {
        return "http://127.0.0.1:" + s.port() + "/";
    }

    private void open(WebServer s, String page) {
        driver.get(base(s) + page);
    }

    private WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until the player has every line of its frame and has drawn it twice since. */
    private void waitForSettledFrame() {
        waitUpTo(30).until(d -> Boolean.TRUE.equals(js("return !!window.hyakuyobakoPlayer && window.hyakuyobakoPlayer.idle();")));
        long frame = ((Number) js("return window.hyakuyobakoPlayer.frames;")).longValue();
        waitUpTo(10).until(d -> ((Number) js("return window.hyakuyobakoPlayer.frames;")).longValue() >= frame + 2);
    }

    @Test
    void everyPageLoadsWithoutAConsoleError() throws Exception {
        String infected = honeypots.events.of(VerdictEvent.class).stream().filter(v -> v.verdict().equals("infected"))
                .map(VerdictEvent::host).findFirst().orElseThrow();
        open(server, "");
        waitUpTo(30).until(d -> !d.findElements(By.cssSelector("#verdicts tbody tr")).isEmpty());
        assertEquals(honeypots.events.of(VerdictEvent.class).size(), driver.findElements(By.cssSelector("#verdicts tbody tr")).size());
        assertTrue(driver.findElement(By.cssSelector("#exports a.export-rules")).getAttribute("href").endsWith("/api/export/hyakuyobako.rules"));
        driver.findElement(By.linkText(infected)).click();
        waitUpTo(30).until(d -> !d.findElements(By.cssSelector("#carve-command")).isEmpty());
        assertTrue(driver.findElement(By.cssSelector("#verdict")).getText().contains("infected"));
        assertTrue(driver.findElement(By.cssSelector("#carve-command")).getText().contains("--host " + infected));
        waitUpTo(30).until(d -> !d.findElements(By.cssSelector("#exports a.export-nftables")).isEmpty());
        assertTrue(driver.findElement(By.cssSelector("#exports a.export-nftables")).getAttribute("href")
                .endsWith("/api/hosts/" + infected + "/export/hyakuyobako.nft"));
        assertFalse(driver.findElements(By.cssSelector("#timeline svg rect")).isEmpty(), "the evidence timeline is drawn");
        open(server, "sync.html");
        waitUpTo(30).until(d -> !d.findElements(By.cssSelector("#events tbody tr")).isEmpty());
        new Select(driver.findElement(By.id("direction"))).selectByValue("in");
        driver.findElement(By.id("apply")).click();
        // Read in one script: the table is replaced when the answer arrives.
        waitUpTo(30).until(d -> {
            @SuppressWarnings("unchecked")
            List<String> directions = (List<String>) js("return [...document.querySelectorAll('#events tbody tr')].map(tr => tr.cells[2].textContent);");
            return !directions.isEmpty() && directions.stream().allMatch("inbound"::equals);
        });
        for (String page : List.of("wheel.html", "columns.html")) {
            open(server, page);
            waitForSettledFrame();
            assertTrue(Integer.parseInt(driver.findElement(By.id("view")).getAttribute("data-frame")) > 2, page);
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void theAnimationAdvances() throws Exception {
        open(server, "columns.html?speed=600&afterimage=30");
        waitForSettledFrame();
        WebElement canvas = driver.findElement(By.id("view"));
        String clockBefore = driver.findElement(By.id("clock")).getText();
        driver.findElement(By.id("play")).click();
        Thread.sleep(1500);
        byte[] first = canvas.getScreenshotAs(OutputType.BYTES);
        Thread.sleep(1500);
        byte[] second = canvas.getScreenshotAs(OutputType.BYTES);
        assertNotEquals(clockBefore, driver.findElement(By.id("clock")).getText());
        assertFalse(Arrays.equals(pixels(first), pixels(second)), "two frames 1.5 s apart differ");
        driver.findElement(By.id("play")).click(); // pause
        open(server, "wheel.html?speed=600&afterimage=30");
        waitForSettledFrame();
        WebElement wheel = driver.findElement(By.id("view"));
        driver.findElement(By.id("play")).click();
        Thread.sleep(1500);
        byte[] a = wheel.getScreenshotAs(OutputType.BYTES);
        Thread.sleep(1500);
        assertFalse(Arrays.equals(pixels(a), pixels(wheel.getScreenshotAs(OutputType.BYTES))), "the wheel turns");
        assertEquals(List.of(), errors);
    }

    /**
     * At a synchronized event across two sensors, the left (mirrored) panel and the right one show
     * the event's address as mirror images: every pixel on the right panel's line for it is inked,
     * and so is the pixel mirrored about the centre line, in the same colour.
     */
    @Test
    void theMirroredColumnsAreSymmetricAtASynchronizedEvent() throws Exception {
        JsonNode event = eventAcrossTwoSensors();
        open(server, "columns.html?event=" + event.get("sync_id").asText());
        waitForSettledFrame();
        String url = (String) js("return document.getElementById('view').toDataURL('image/png');");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1))));
        int w = image.getWidth();
        String[] octets = event.get("external_ip").asText().split("\\.");
        boolean outbound = event.get("direction").asText().equals("out");
        double[][] right = new double[4][];
        double[][] left = new double[4][];
        for (int k = 0; k < 4; k++) {
            right[k] = point(w, image.getHeight(), 1, k, Integer.parseInt(octets[k]), outbound);
            left[k] = point(w, image.getHeight(), 0, k, Integer.parseInt(octets[k]), outbound);
            assertEquals(w - right[k][0], left[k][0], 1e-6, "the geometry is mirrored about the centre");
            assertEquals(right[k][1], left[k][1], 1e-6);
        }
        int samples = 0;
        int inked = 0;
        int mirrored = 0;
        for (int k = 0; k < 3; k++) {
            for (int i = 1; i < 20; i++) {
                double f = i / 20.0;
                int x = (int) Math.round(right[k][0] + f * (right[k + 1][0] - right[k][0]));
                int y = (int) Math.round(right[k][1] + f * (right[k + 1][1] - right[k][1]));
                int mx = w - 1 - x;
                samples++;
                int[] here = colourNear(image, x, y);
                int[] there = colourNear(image, mx, y);
                if (here != null) {
                    inked++;
                    if (there != null && hueDistance(here, there) < 15) {
                        mirrored++;
                    }
                }
            }
        }
        assertTrue(inked >= samples * 9 / 10, "the event's line is drawn on the right: " + inked + " of " + samples);
        assertTrue(mirrored >= inked * 9 / 10, "and mirrored on the left in its colour: " + mirrored + " of " + inked);
        assertEquals(List.of(), errors);
    }

    private double[] point(int w, int h, int slot, int k, int v, boolean outbound) {
        @SuppressWarnings("unchecked")
        List<Number> p = (List<Number>) js("return Columns.point(arguments[0], arguments[1], 2, arguments[2], arguments[3], arguments[4], arguments[5]);",
                w, h, slot, k, v, outbound);
        return new double[] {p.get(0).doubleValue(), p.get(1).doubleValue()};
    }

    /** The most strongly coloured pixel within one pixel of (x, y) (lines are anti-aliased), or null if none is coloured. */
    private static int[] colourNear(BufferedImage image, int x, int y) {
        int[] best = null;
        int bestChroma = 80;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int px = x + dx;
                int py = y + dy;
                if (px < 0 || py < 0 || px >= image.getWidth() || py >= image.getHeight()) {
                    continue;
                }
                int rgb = image.getRGB(px, py);
                int[] c = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
                int chroma = Math.max(c[0], Math.max(c[1], c[2])) - Math.min(c[0], Math.min(c[1], c[2]));
                if (chroma > bestChroma) {
                    bestChroma = chroma;
                    best = c;
                }
            }
        }
        return best;
    }

    /** Degrees between two colours' hues: the port colour, whatever the anti-aliasing did to its lightness. */
    private static float hueDistance(int[] a, int[] b) {
        float ha = java.awt.Color.RGBtoHSB(a[0], a[1], a[2], null)[0] * 360;
        float hb = java.awt.Color.RGBtoHSB(b[0], b[1], b[2], null)[0] * 360;
        float d = Math.abs(ha - hb);
        return Math.min(d, 360 - d);
    }

    private JsonNode eventAcrossTwoSensors() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base(server) + "api/sync?limit=20000")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode e : new ObjectMapper().readTree(r.body()).get("events")) {
            Set<String> sensors = new HashSet<>();
            e.get("members").forEach(m -> sensors.add(m.get("sensor").asText()));
            if (sensors.size() >= 2 && !e.get("external_ip").asText().contains(":")) {
                return e;
            }
        }
        throw new AssertionError("the honeypot scenario has no event across two sensors");
    }

    @Test
    void markupFromACaptureIsShownAsTextAndRunsNothing() throws Exception {
        open(hostileServer, "host.html?ip=" + IRC_CLIENT);
        waitUpTo(30).until(d -> !d.findElements(By.cssSelector("#irc tbody tr")).isEmpty());
        assertTrue(driver.findElement(By.id("irc")).getText().contains(HOSTILE_TOPIC), driver.findElement(By.id("irc")).getText());
        assertEquals(2, driver.findElements(By.tagName("script")).size(), "only the page's own scripts");
        assertEquals(0, driver.findElements(By.tagName("img")).size(), "no element from the capture");
        for (String page : List.of("", "sync.html", "columns.html")) {
            open(hostileServer, page);
            Thread.sleep(500);
        }
        Thread.sleep(500);
        boolean dialog;
        try {
            driver.switchTo().alert();
            dialog = true;
        } catch (NoAlertPresentException e) {
            dialog = false;
        }
        assertFalse(dialog, "no script from the capture ran");
        assertEquals(List.of(), errors);
    }

    private static int[] pixels(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

}
