package org.hyakuyobako.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** A page: its title and its own scripts (after common.js), filled into page.html. */
    private record Page(String title, List<String> scripts) {
    }

    private static final Map<String, Page> PAGES = Map.of(
            "index.html", new Page("overview", List.of("overview.js")),
            "host.html", new Page("host", List.of("host.js")),
            "sync.html", new Page("synchronized events", List.of("sync.js")),
            "wheel.html", new Page("octet wheel (V1)", List.of("player.js", "wheel.js")),
            "columns.html", new Page("mirrored octet columns (V2)", List.of("player.js", "columns.js")));
    private static final List<String> FILES = List.of("app.css", "js/common.js", "js/overview.js", "js/host.js", "js/sync.js",
            "js/player.js", "js/wheel.js", "js/columns.js");

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    StaticAssets() {
        String template = new String(read("page.html"), StandardCharsets.UTF_8);
        for (Map.Entry<String, Page> e : PAGES.entrySet()) {
            StringBuilder scripts = new StringBuilder("<script src=\"js/common.js\" defer></script>");
            for (String js : e.getValue().scripts()) {
                scripts.append("\n<script src=\"js/").append(js).append("\" defer></script>");
            }
            byte[] html = template.replace("{{title}}", e.getValue().title()).replace("{{scripts}}", scripts)
                    .getBytes(StandardCharsets.UTF_8);
            assets.put("/" + e.getKey(), new Asset("text/html; charset=utf-8", html));
        }
        assets.put("/", assets.get("/index.html"));
        for (String name : FILES) {
            assets.put("/" + name, new Asset(contentType(name), read(name)));
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
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/javascript; charset=utf-8";
    }
}
