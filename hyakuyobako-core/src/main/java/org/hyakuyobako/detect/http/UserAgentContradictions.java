package org.hyakuyobako.detect.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user agent that cannot be what it says: malware writers paste browser tokens together, and the
 * result claims things no real browser ever sent. A small rule set, each rule a fact about real
 * browsers (so a real browser never breaks one), each named in the evidence:
 * <ol>
 * <li>{@code two-engines}: MSIE together with a Chrome or Firefox product token (IE never carried them);</li>
 * <li>{@code two-systems}: two operating systems (Windows NT, Apple, Linux/Android/X11) in one agent;
 *     Windows Phone with Android is a real Edge mobile agent and is not counted;</li>
 * <li>{@code impossible-windows}: a browser version that never ran on the Windows NT version claimed
 *     (MSIE 6 on Vista or later, MSIE 7 on 7 or later, MSIE 8 on 8 or later, MSIE 9+ on XP,
 *     MSIE 10 before Windows 7, Chrome 110+ and Firefox 116+ before Windows 10); an old MSIE on a
 *     newer Windows is IE's compatibility view when a Trident token says so, and is then not counted;</li>
 * <li>{@code mozilla-without-comment}: "Mozilla/x.y" not followed by the "(platform; ...)" comment
 *     every browser sends;</li>
 * <li>{@code mozilla-version}: MSIE 6 to 8 under "Mozilla/5.0" (they sent 4.0; IE 9 was the first with 5.0);</li>
 * <li>{@code browser-name-only}: a browser named in words ("Microsoft Internet Explorer") with no
 *     product/version token at all.</li>
 * </ol>
 */
final class UserAgentContradictions {
    private static final Pattern MSIE = Pattern.compile("MSIE (\\d{1,4})");
    private static final Pattern CHROME = Pattern.compile("Chrome/(\\d{1,4})");
    private static final Pattern FIREFOX = Pattern.compile("Firefox/(\\d{1,4})");
    private static final Pattern WINDOWS_NT = Pattern.compile("Windows NT (\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern MOZILLA = Pattern.compile("^Mozilla/(\\d)\\.\\d+\\s*(.?)");
    private static final Pattern BROWSER_WORDS = Pattern.compile("(?i)internet explorer|firefox|chrome|safari|opera|mozilla|msie");

    private UserAgentContradictions() {
    }

    /** The rules the agent breaks, by name; empty for an agent that could be real (or for none). */
    static List<String> of(String agent) {
        List<String> broken = new ArrayList<>();
        if (agent == null || agent.isBlank()) {
            return broken;
        }
        Integer msie = version(MSIE, agent);
        Integer chrome = version(CHROME, agent);
        Integer firefox = version(FIREFOX, agent);
        if (msie != null && (chrome != null || firefox != null)) {
            broken.add("two-engines");
        }
        if (systems(agent) > 1) {
            broken.add("two-systems");
        }
        if (impossibleWindows(agent, msie, chrome, firefox)) {
            broken.add("impossible-windows");
        }
        Matcher mozilla = MOZILLA.matcher(agent);
        if (mozilla.find()) {
            if (!mozilla.group(2).equals("(")) {
                broken.add("mozilla-without-comment");
            }
            if ("5".equals(mozilla.group(1)) && msie != null && msie >= 6 && msie <= 8) {
                broken.add("mozilla-version");
            }
        }
        if (agent.indexOf('/') < 0 && BROWSER_WORDS.matcher(agent).find()) {
            broken.add("browser-name-only");
        }
        return broken;
    }

    private static int systems(String agent) {
        boolean windows = agent.contains("Windows NT") || agent.contains("Windows 95") || agent.contains("Windows 98");
        boolean apple = agent.contains("Macintosh") || agent.contains("Mac OS X") || agent.contains("iPhone") || agent.contains("iPad");
        boolean unix = agent.contains("Linux") || agent.contains("Android") || agent.contains("X11") || agent.contains("CrOS");
        return (windows ? 1 : 0) + (apple ? 1 : 0) + (unix ? 1 : 0);
    }

    private static boolean impossibleWindows(String agent, Integer msie, Integer chrome, Integer firefox) {
        Matcher nt = WINDOWS_NT.matcher(agent);
        if (!nt.find()) {
            return false;
        }
        int version = Integer.parseInt(nt.group(1)) * 10 + Math.min(9, Integer.parseInt(nt.group(2)));
        boolean compatibilityView = agent.contains("Trident/");
        if (msie != null && !compatibilityView) {
            // IE 7 shipped with Vista, 8 with 7, 10 with 8: a newer Windows never ran the older one.
            if (msie <= 6 && version >= 60 || msie == 7 && version >= 61 || msie == 8 && version >= 62
                    || msie >= 9 && version < 60 || msie == 10 && version < 61) {
                return true;
            }
        }
        if (msie != null && msie >= 9 && version < 60) {
            return true;    // compatibility view only ever claims lower versions, never IE 9+ on XP
        }
        return chrome != null && chrome >= 110 && version < 100 || firefox != null && firefox >= 116 && version < 100;
    }

    private static Integer version(Pattern p, String agent) {
        Matcher m = p.matcher(agent);
        if (!m.find()) {
            return null;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return null;    // digits beyond an int: a made-up version, no rule can use it
        }
    }
}
