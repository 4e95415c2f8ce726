package org.hyakuyobako.detect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per rule with an agent that breaks only it, and real browsers' and tools' agents that
 * break none. Mutations seen failing: each rule's condition negated in turn; the Trident exception
 * of impossible-windows removed (IE 11's compatibility view was flagged); Windows Phone counted as
 * Windows (Edge mobile was flagged two-systems).
 */
class UserAgentContradictionsTest {
    @Test
    void msieWithChromeOrFirefoxTokens() {
        assertEquals(List.of("two-engines"),
                UserAgentContradictions.of("Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1) Chrome/40.0.2214.93"));
        assertEquals(List.of("two-engines"),
                UserAgentContradictions.of("Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1; Firefox/3.6)"));
    }

    @Test
    void twoOperatingSystems() {
        assertEquals(List.of("two-systems"),
                UserAgentContradictions.of("Mozilla/5.0 (Windows NT 10.0; Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36"));
        assertEquals(List.of("two-systems"), UserAgentContradictions.of("Mozilla/5.0 (X11; Linux x86_64; Windows NT 6.1; rv:60.0) Gecko/20100101"));
    }

    @Test
    void windowsVersionTheBrowserNeverRanOn() {
        assertEquals(List.of("impossible-windows"), UserAgentContradictions.of("Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 6.1; SV1)"));
        assertEquals(List.of("impossible-windows"), UserAgentContradictions.of("Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 5.1)"));
        assertEquals(List.of("impossible-windows"), UserAgentContradictions.of("Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0)"),
                "IE 7 on Windows 10 without Trident: no compatibility view, no such browser");
        assertEquals(List.of("impossible-windows"), UserAgentContradictions.of("Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.2)"));
        assertEquals(List.of("impossible-windows"), UserAgentContradictions.of("Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.0)"));
        assertEquals(List.of("impossible-windows"), UserAgentContradictions.of(
                "Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"));
        assertEquals(List.of("impossible-windows"), UserAgentContradictions.of("Mozilla/5.0 (Windows NT 6.3; rv:120.0) Gecko/20100101 Firefox/120.0"));
    }

    @Test
    void mozillaWithoutItsComment() {
        assertEquals(List.of("mozilla-without-comment"), UserAgentContradictions.of("Mozilla/5.0"));
        assertEquals(List.of("mozilla-without-comment"), UserAgentContradictions.of("Mozilla/4.0 Windows"));
    }

    @Test
    void oldMsieUnderMozillaFive() {
        assertEquals(List.of("mozilla-version"), UserAgentContradictions.of("Mozilla/5.0 (compatible; MSIE 8.0; Windows NT 6.1)"));
    }

    @Test
    void aBrowserNamedInWordsOnly() {
        assertEquals(List.of("browser-name-only"), UserAgentContradictions.of("Microsoft Internet Explorer"));
        assertEquals(List.of("browser-name-only"), UserAgentContradictions.of("Firefox"));
    }

    @Test
    void severalRulesAtOnce() {
        List<String> broken = UserAgentContradictions.of("Mozilla/5.0 (compatible; MSIE 6.0; Windows NT 10.0) Chrome/64.0");
        assertTrue(broken.containsAll(List.of("two-engines", "impossible-windows", "mozilla-version")), broken.toString());
    }

    @Test
    void realBrowsersAndToolsBreakNoRule() {
        for (String real : List.of(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
                "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
                "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
                "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C)",
                "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)",
                "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)",
                "Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36",
                "Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/15.14977",
                "Opera/9.80 (Windows NT 6.1) Presto/2.12.388 Version/12.16",
                "curl/8.4.0", "Wget/1.21.4", "python-requests/2.31.0", "Microsoft-CryptoAPI/10.0", "Microsoft NCSI",
                "Windows-Update-Agent/10.0.10011.16384 Client-Protocol/2.31", "Mozilla/4.0 (compatible; Win32; WinHttp.WinHttpRequest.5)")) {
            assertEquals(List.of(), UserAgentContradictions.of(real), real);
        }
        assertEquals(List.of(), UserAgentContradictions.of(null));
        assertEquals(List.of(), UserAgentContradictions.of("Mozilla/5.0 (compatible; MSIE 99999999999; Windows NT 99999999.1)"),
                "versions too long for an int: no rule, no exception");
    }
}
