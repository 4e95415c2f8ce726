package org.hyakuyobako.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * Runs before every request: security headers on every answer, the Host check that keeps a page
 * on another site from reaching a loopback server through DNS rebinding, and, when a token was
 * given, the token (header {@code Authorization: Bearer}, cookie, or once as {@code ?token=},
 * which sets the cookie so the pages' own requests carry it).
 */
final class AccessGuard {
    static final String COOKIE = "hyakuyobako_token";
    /**
     * Scripts and styles only from this server (no inline script can run, so markup that slipped
     * through would still be inert); pictures drawn on canvas may become data: or blob: URLs for
     * the snapshot button; nothing may frame the pages.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final boolean loopbackOnly;
    private final byte[] token;

    AccessGuard(boolean loopbackOnly, String token) {
        this.loopbackOnly = loopbackOnly;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    void check(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
        if (loopbackOnly && !LOOPBACK_NAMES.contains(hostName(ctx.header("Host")))) {
            throw new ForbiddenResponse("this server answers only to 127.0.0.1 and localhost");
        }
        if (token == null) {
            return;
        }
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && matches(auth.substring(7).strip())) {
            return;
        }
        if (matches(ctx.cookie(COOKIE))) {
            return;
        }
        String query = ctx.queryParam("token");
        if (matches(query)) {
            ctx.header("Set-Cookie", COOKIE + "=" + query + "; Path=/; HttpOnly; SameSite=Strict");
            return;
        }
        throw new UnauthorizedResponse("a token is required: open the address serve printed, or send Authorization: Bearer <token>");
    }

    /** Constant time, so the answer's timing says nothing about how much of a guess was right. */
    private boolean matches(String given) {
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    /** The host part of a Host header, lower case, without the port ({@code [::1]:8080} keeps its brackets). */
    static String hostName(String header) {
        if (header == null) {
            return "";
        }
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
