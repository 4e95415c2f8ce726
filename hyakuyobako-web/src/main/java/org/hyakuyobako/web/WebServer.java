package org.hyakuyobako.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code serve}: the results of one {@code analyze} run as pages and a JSON API (docs/web.md),
 * on 127.0.0.1 unless told otherwise. Read-only: it opens the store read-only and writes nothing.
 */
public final class WebServer implements AutoCloseable {
    private final Javalin app;
    private final ResultStore store;
    private final ServeOptions options;

    private WebServer(Javalin app, ResultStore store, ServeOptions options) {
        this.app = app;
        this.store = store;
        this.options = options;
    }

    public static WebServer start(ServeOptions options) throws IOException {
        ResultStore store = ResultStore.open(options.dir());
        AccessGuard guard = new AccessGuard(ServeOptions.isLoopback(options.bind()), options.token());
        StaticAssets assets = new StaticAssets();
        OverviewApi overview = new OverviewApi(store);
        HostApi hosts = new HostApi(store);
        SyncApi sync = new SyncApi(store);
        ActivityApi activity = new ActivityApi(store);
        CarveDownload carve = new CarveDownload(store);
        ExportDownload export = new ExportDownload(store);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.routes.before(guard::check);
            for (String path : assets.paths()) {
                StaticAssets.Asset a = assets.get(path);
                cfg.routes.get(path, ctx -> ctx.contentType(a.contentType()).result(a.body()));
            }
            cfg.routes.get("/api/overview", ctx -> json(ctx, overview.get()));
            cfg.routes.get("/api/hosts/{ip}", ctx -> json(ctx, hosts.get(ctx.pathParam("ip"))));
            cfg.routes.get("/api/hosts/{ip}/carve.pcapng", ctx -> {
                Path file = carve.carve(ctx.pathParam("ip"), Params.address(ctx, "peer"), Params.number(ctx, "from"), Params.number(ctx, "to"));
                ctx.contentType("application/x-pcapng")
                        .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
                        .result(Files.newInputStream(file));
            });
            cfg.routes.get("/api/exports", ctx -> json(ctx, org.hyakuyobako.action.ExportFormats.all().stream()
                    .map(w -> java.util.Map.of("kind", w.kind(), "file", w.fileName())).toList()));
            cfg.routes.get("/api/export/{file}", ctx -> send(ctx, export.get(ctx.pathParam("file"), null,
                    ctx.queryParam("min_verdict"), ctx.queryParam("sinkhole"))));
            cfg.routes.get("/api/hosts/{ip}/export/{file}", ctx -> send(ctx, export.get(ctx.pathParam("file"), ctx.pathParam("ip"),
                    ctx.queryParam("min_verdict"), ctx.queryParam("sinkhole"))));
            cfg.routes.get("/api/sync", ctx -> json(ctx, sync.get(new SyncApi.Filter(Params.number(ctx, "tolerance"),
                    Params.oneOf(ctx, "direction", List.of("in", "out")), Params.address(ctx, "address"),
                    Params.number(ctx, "from"), Params.number(ctx, "to"),
                    Params.integer(ctx, "limit", SyncApi.DEFAULT_LIMIT, 1, SyncApi.MAX_LIMIT)))));
            cfg.routes.get("/api/activity/range", ctx -> json(ctx, activity.range(Params.integer(ctx, "buckets", 400, 1, 5000))));
            cfg.routes.get("/api/activity", ctx -> json(ctx, activity.get(window(ctx))));
            cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            cfg.routes.exception(CarveDownload.CapturesMissing.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
            cfg.routes.exception(SQLException.class, (e, ctx) -> error(ctx, 500, "store: " + e.getMessage()));
        });
        try {
            app.start(options.bind(), options.port());
        } catch (RuntimeException e) {
            closeQuietly(store);
            throw new IOException("cannot listen on " + options.bind() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        return new WebServer(app, store, options);
    }

    private static ActivityApi.Window window(Context ctx) {
        Double from = Params.number(ctx, "from");
        Double to = Params.number(ctx, "to");
        if (from == null || to == null || to <= from) {
            throw new IllegalArgumentException("parameters from and to: milliseconds since 1970, from < to");
        }
        double step = Params.number(ctx, "step", 1000.0);
        if (step < 1 || (to - from) / step > 10_000_000) {
            throw new IllegalArgumentException("parameter step: at least 1 ms and at most 10,000,000 buckets per request");
        }
        String port = ctx.queryParam("port");
        Integer p = port == null || port.isBlank() ? null : Params.integer(ctx, "port", 0, 0, 65535);
        return new ActivityApi.Window(from, to, step, Params.list(ctx, "sensors"), p, Params.address(ctx, "host"),
                Params.integer(ctx, "per_bucket", ActivityApi.MAX_LIMIT, 1, ActivityApi.MAX_LIMIT),
                Params.integer(ctx, "limit", ActivityApi.DEFAULT_LIMIT, 1, ActivityApi.MAX_LIMIT));
    }

    private static void send(Context ctx, ExportDownload.File file) {
        ctx.contentType(file.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + file.name() + "\"")
                .result(file.text());
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(Json.write(body));
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status);
        json(ctx, java.util.Map.of("error", message == null ? "bad request" : message));
    }

    public int port() {
        return app.port();
    }

    /** The address to open: with the token when there is one, so the first page sets the cookie. */
    public String url() {
        String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
        return "http://" + host + ":" + port() + "/" + (options.token() == null ? "" : "?token=" + options.token());
    }

    @Override
    public void close() {
        app.stop();
        closeQuietly(store);
    }

    private static void closeQuietly(ResultStore store) {
        try {
            store.close();
        } catch (SQLException e) {
            // Read-only: nothing to lose.
        }
    }
}
