package org.hyakuyobako.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code bench --web DIR}: response times of the API over a real result directory, measured as a
 * browser sees them (HTTP on loopback, JSON encoded), after a warm-up. A benchmark, not a test:
 * the figures go into docs/performance.md.
 */
public final class WebBenchmark {
    /** Milliseconds per request for one endpoint. */
    public record Result(String endpoint, int requests, double medianMs, double p95Ms, double maxMs, long bytes) {
    }

    private WebBenchmark() {
    }

    public static Map<String, Result> run(Path dir, int requests, PrintStream say) throws IOException, InterruptedException {
        Map<String, Result> results = new LinkedHashMap<>();
        try (WebServer server = WebServer.start(new ServeOptions(dir, ServeOptions.LOOPBACK, 0, null))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            JsonNode overview = Json.MAPPER.readTree(fetch(http, base + "/api/overview"));
            JsonNode range = Json.MAPPER.readTree(fetch(http, base + "/api/activity/range"));
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("overview", "/api/overview");
            if (overview.get("verdicts").size() > 0) {
                endpoints.put("host (strongest verdict)", "/api/hosts/" + overview.get("verdicts").get(0).get("host").asText());
            }
            endpoints.put("sync (first 1,000)", "/api/sync?limit=1000");
            endpoints.put("activity/range", "/api/activity/range");
            if (range.hasNonNull("first")) {
                double first = range.get("first").asDouble();
                // What the player asks for at 60x: ten minutes of packet time in one-second buckets.
                endpoints.put("activity (10 min at 60x)", "/api/activity?from=" + first + "&to=" + (first + 600_000) + "&step=1000");
                // At 3600x: ten hours in one-minute buckets.
                endpoints.put("activity (10 h at 3600x)", "/api/activity?from=" + first + "&to=" + (first + 36_000_000) + "&step=60000");
                // What the player asks, with its per-bucket cap: two seconds of playing per request.
                endpoints.put("player at 60x (2 min, cap 400)", "/api/activity?from=" + first + "&to=" + (first + 120_000)
                        + "&step=1000&per_bucket=400");
                endpoints.put("player at 3600x (2 h, cap 4000)", "/api/activity?from=" + first + "&to=" + (first + 7_200_000)
                        + "&step=60000&per_bucket=4000");
            }
            for (Map.Entry<String, String> e : endpoints.entrySet()) {
                for (int i = 0; i < 3; i++) {
                    fetch(http, base + e.getValue());
                }
                double[] ms = new double[requests];
                long bytes = 0;
                for (int i = 0; i < requests; i++) {
                    long t0 = System.nanoTime();
                    bytes = fetch(http, base + e.getValue()).length();
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                Result r = new Result(e.getKey(), requests, ms[requests / 2], ms[Math.min(requests - 1, (int) Math.ceil(requests * 0.95) - 1)],
                        ms[requests - 1], bytes);
                results.put(e.getKey(), r);
                say.printf("%-26s median %8.1f ms  p95 %8.1f ms  max %8.1f ms  %,10d bytes  (%d requests)%n", r.endpoint(), r.medianMs(),
                        r.p95Ms(), r.maxMs(), r.bytes(), r.requests());
            }
        }
        return results;
    }

    private static String fetch(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
