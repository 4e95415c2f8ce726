package org.hyakuyobako.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pages, scripts and styles, from a fixed list on the class path, read once at start. A fixed
 * list rather than a static-file handler: no request path is ever turned into a file name, so no
 * file outside the result directory (nor inside it) can be served by asking for it.
 */
final class StaticAssets {
    record Asset(String contentType, byte[] body) {
    }

    private static final String BASE = "/org/hyakuyobako/web/static/";
    static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("/", "index.html"),
            Map.entry("/index.html", "index.html"),
            Map.entry("/host.html", "host.html"),
            Map.entry("/sync.html", "sync.html"),
            Map.entry("/wheel.html", "wheel.html"),
            Map.entry("/columns.html", "columns.html"),
            Map.entry("/app.css", "app.css"),
            Map.entry("/js/common.js", "js/common.js"),
            Map.entry("/js/overview.js", "js/overview.js"),
            Map.entry("/js/host.js", "js/host.js"),
            Map.entry("/js/sync.js", "js/sync.js"),
            Map.entry("/js/player.js", "js/player.js"),
            Map.entry("/js/wheel.js", "js/wheel.js"),
            Map.entry("/js/columns.js", "js/columns.js"));

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    StaticAssets() {
        for (Map.Entry<String, String> e : FILES.entrySet()) {
            assets.put(e.getKey(), new Asset(contentType(e.getValue()), read(e.getValue())));
        }
    }

    Asset get(String path) {
        return assets.get(path);
    }

    Iterable<String> paths() {
        return assets.keySet();
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + BASE + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/javascript; charset=utf-8";
    }
}
