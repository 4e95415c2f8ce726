package org.hyakuyobako.net;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What may be written into a zone, a rule or a firewall line as a name or an address. Names from
 * traffic are hostile (a "domain" can hold quotes, semicolons, newlines or a zone directive), so
 * every writer accepts only what passes here and refuses the rest: letters, digits, hyphens and
 * underscores in labels of 1-63 characters, at most 253 in all, at least two labels.
 */
public final class DnsNames {
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?i)^(?=.{1,253}\\.?$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.?$");
    private static final Pattern IPV4 = Pattern.compile("^(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

    private DnsNames() {
    }

    /** A name that is safe and meaningful in a zone file, a rule and a STIX pattern; never an address. */
    public static boolean isHostName(String name) {
        return name != null && HOST_NAME.matcher(name).matches() && !IPV4.matcher(stripDot(name)).matches();
    }

    /** Lower case, no trailing dot: the form every export writes. */
    public static String canonical(String name) {
        return stripDot(name.toLowerCase(Locale.ROOT));
    }

    /** A literal IPv4 or IPv6 address (no prefix length, no zone). */
    public static boolean isAddressLiteral(String text) {
        if (text == null) {
            return false;
        }
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (!IPV6_CHARS.matcher(text).matches() || text.indexOf(':') < 0) {
            return false;
        }
        try {
            Cidr.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
