package org.hyakuyobako.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/** Query parameters, checked: a bad one is a 400 with its name, never a 500 or a silent default. */
final class Params {
    private Params() {
    }

    static Double number(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + ": not a number");
        }
    }

    static double number(Context ctx, String name, double fallback) {
        Double d = number(ctx, name);
        return d == null ? fallback : d;
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        Double d = number(ctx, name);
        if (d == null) {
            return fallback;
        }
        if (d != Math.rint(d) || d < min || d > max) {
            throw new IllegalArgumentException("parameter " + name + ": a whole number from " + min + " to " + max);
        }
        return d.intValue();
    }

    static String oneOf(Context ctx, String name, List<String> allowed) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("parameter " + name + ": one of " + String.join(", ", allowed));
        }
        return v;
    }

    static String address(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : HostApi.canonical(v);
    }

    static List<String> list(Context ctx, String name) {
        List<String> out = new ArrayList<>();
        String v = ctx.queryParam(name);
        if (v != null) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }
}
