package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.event.AlertEvent;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.hyakuyobako.testing.RuleRuns;
import org.hyakuyobako.testing.TcpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules on reassembled streams and parsed HTTP, through the whole pipeline, on crafted connections. */
class SignatureOnStreamsTest {
    @TempDir
    Path dir;

    EventCollector run(String rules, RuleRuns.Script script) throws IOException {
        return RuleRuns.run(dir, rules, Pipelines.options(), script);
    }

    static List<Long> sids(EventCollector out) {
        return RuleRuns.sids(out);
    }

    @Test
    void aContentSplitAcrossSegmentsMatchesOnTheStreamOnly() throws IOException {
        EventCollector out = run("""
                alert tcp any any -> any 6667 (msg:"bot scan command"; flow:established,to_server; content:"advscan lsass"; sid:1;)
                alert tcp any any -> any 6667 (msg:"packets only"; flow:to_server,no_stream; content:"advscan lsass"; sid:2;)
                alert tcp any any -> any 6667 (msg:"in one packet"; flow:to_server,no_stream; content:"PRIVMSG"; depth:7; sid:3;)
                """, w -> {
            TcpScript s = new TcpScript(w, "10.0.0.7", 40001, "192.0.2.66", 6667, 1_200_000_000_000_000_000L);
            s.client("PRIVMSG #x :.advs").client("can lsass_445 100 5 0 -r\r\n").server(":srv 001 bot :hi\r\n");
            s.close();
        });
        assertEquals(List.of(1L, 3L), sids(out));
        AlertEvent a = out.of(AlertEvent.class).stream().filter(x -> x.signatureId() == 1).findFirst().orElseThrow();
        assertEquals("10.0.0.7", a.srcIp());
        assertEquals(6667, a.destPort());
        assertTrue(a.toServer());
        assertEquals("irc", a.appProto());
        EvidenceEvent e = out.of(EvidenceEvent.class).stream().filter(x -> x.method().equals("signature")).findFirst().orElseThrow();
        assertEquals("10.0.0.7", e.host());
        assertEquals("192.0.2.66", e.peer());
    }

    /**
     * More connections than are collected at once (MAX_STREAMS): the least recently *used* go, so a
     * slow connection that keeps sending (a bot's C&C session while it scans) keeps its stream and
     * a content spread over its segments still matches, while one that fell silent as long is
     * inspected and dropped, and its content, split across that, does not.
     */
    @Test
    void theLeastRecentlyUsedStreamsGoWhenTooManyAreCollected() throws IOException {
        String piece = "can lsass_445 100 5 0 -r\r\n";
        int others = MessageInspector.MAX_STREAMS + 2_000;
        int every = others / 9;     // "can lsass" completes only after the first evictions
        long t0 = 1_200_000_000_000_000_000L;
        long step = 5_000_000L;
        EventCollector out = run("""
                alert tcp any any -> any 6667 (msg:"bot scan command"; flow:established,to_server; content:"advscan lsass"; sid:1;)
                """, w -> {
            TcpScript busy = new TcpScript(w, "10.0.0.7", 40001, "192.0.2.66", 6667, t0).client("PRIVMSG #x :.advs");
            TcpScript idle = new TcpScript(w, "10.0.0.8", 40001, "192.0.2.66", 6667, t0).client("PRIVMSG #x :.advs");
            int sent = 0;
            for (int k = 0; k < others; k++) {
                long t = t0 + (k + 10) * step;
                new TcpScript(w, "10.1." + (k / 250) + "." + (k % 250 + 1), 40000, "192.0.2.66", 6667, t).client("NICK x\r\n");
                if (k % every == every - 1 && sent < piece.length() - 1) {
                    busy.at(t + 3_000_000L).client(piece.substring(sent, sent + 1));
                    sent++;
                }
            }
            long end = t0 + (others + 20) * step;
            busy.at(end).client(piece.substring(sent)).close();
            idle.at(end).client(piece).close();
        });
        List<AlertEvent> alerts = out.of(AlertEvent.class);
        assertEquals(List.of("10.0.0.7"), alerts.stream().map(AlertEvent::srcIp).toList(),
                "the busy connection's content matched across its segments; the idle one's was cut by its eviction");
    }

    /** Rules by home net and direction meet packets and streams of both directions of one connection. */
    @Test
    void homeNetRulesMatchEachDirectionOfAConnection() throws IOException {
        EventCollector out = run("""
                alert tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"out, packet"; flow:to_server; dsize:>0; content:"ping"; sid:41;)
                alert tcp $EXTERNAL_NET any -> $HOME_NET any (msg:"in, packet"; flow:to_client; dsize:>0; content:"pong"; sid:42;)
                alert tcp $EXTERNAL_NET any -> $HOME_NET any (msg:"in, stream"; flow:to_client; content:"pong"; sid:43;)
                alert tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"out, stream"; content:"ping"; sid:44;)
                alert tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"wrong way"; content:"pong"; sid:45;)
                alert tcp $HOME_NET any -> $HOME_NET any (msg:"inside only"; content:"ping"; sid:46;)
                """, w -> {
            TcpScript s = new TcpScript(w, "10.0.0.7", 40001, "198.51.100.21", 7000, 1_200_000_000_000_000_000L);
            s.client("ping\r\n").server("pong\r\n").client("ping\r\n").server("pong\r\n");
            s.close();
        });
        assertEquals(List.of(41L, 41L, 42L, 42L, 43L, 43L, 44L, 44L), sids(out));
    }

    @Test
    void flowbitsCarryAcrossPacketsOfOneConnection() throws IOException {
        String rules = """
                alert tcp any any -> any 21 (msg:"login seen"; flow:to_server; content:"USER bot"; flowbits:set,bot.login; flowbits:noalert; sid:10;)
                alert tcp any 21 -> any any (msg:"welcome after login"; flow:to_client; content:"230 "; flowbits:isset,bot.login; sid:11;)
                alert tcp any 21 -> any any (msg:"welcome without login"; flow:to_client; content:"230 "; flowbits:isnotset,bot.login; sid:12;)
                """;
        EventCollector out = run(rules, w -> {
            TcpScript s = new TcpScript(w, "10.0.0.7", 40001, "198.51.100.21", 21, 1_200_000_000_000_000_000L);
            s.server("220 ready\r\n").client("USER bot\r\n").server("331 pass\r\n").client("PASS x\r\n").server("230 in\r\n");
            s.close();
            TcpScript t = new TcpScript(w, "10.0.0.8", 40002, "198.51.100.21", 21, 1_200_000_010_000_000_000L);
            t.server("220 ready\r\n").client("USER alice\r\n").server("331 pass\r\n").client("PASS x\r\n").server("230 in\r\n");
            t.close();
        });
        assertEquals(List.of(11L, 12L), sids(out));
        assertEquals("10.0.0.7", out.of(AlertEvent.class).stream().filter(a -> a.signatureId() == 11).findFirst().orElseThrow().destIp());
        assertEquals("10.0.0.8", out.of(AlertEvent.class).stream().filter(a -> a.signatureId() == 12).findFirst().orElseThrow().destIp());
    }

    @Test
    void httpBuffersAsSuricataFillsThem() throws IOException {
        EventCollector out = run("""
                alert http any any -> any any (msg:"normalised uri"; content:"/a/cmd.exe"; http_uri; sid:20;)
                alert http any any -> any any (msg:"raw uri"; content:"%63md"; http_raw_uri; sid:21;)
                alert http any any -> any any (msg:"host"; http.host; content:"evil.example"; isdataat:!1,relative; sid:22;)
                alert http any any -> any any (msg:"ua"; content:"bot/"; depth:4; http_user_agent; sid:23;)
                alert http any any -> any any (msg:"cookie"; content:"id=42"; http_cookie; sid:24;)
                alert http any any -> any any (msg:"status"; flow:to_client; content:"200"; http_stat_code; sid:25;)
                alert http any any -> any any (msg:"dechunked body"; flow:to_client; file_data; content:"MZhe"; depth:4; sid:26;)
                alert http any any -> any any (msg:"urilen"; urilen:>5; sid:27;)
                alert http any any -> any any (msg:"wrong method"; content:"POST"; http_method; sid:28;)
                alert http any any -> any any (msg:"header"; content:"User-Agent|3a 20|bot"; http_header; sid:29;)
                alert http any any -> any any (msg:"header names"; http_header_names; content:"|0d 0a|Host|0d 0a|"; sid:30;)
                alert http any any -> any any (msg:"method and body in one rule"; flow:to_client; content:"GET"; http_method; file_data; content:"hello"; sid:31;)
                alert http any any -> any any (msg:"pcre on the uri"; pcre:"/\\.exe\\?x=\\d$/U"; sid:32;)
                alert http any any -> any any (msg:"raw content in an http rule"; flow:to_client; content:"Transfer-Encoding"; content:"MZ"; distance:0; sid:33;)
                """, w -> {
            TcpScript s = new TcpScript(w, "10.0.0.7", 40001, "198.51.100.9", 8080, 1_200_000_000_000_000_000L);
            s.client("GET /a/./b/../%63md.exe?x=1 HTTP/1.1\r\nHost: Evil.Example:8080\r\nUser-Agent: bot/1.0\r\nCookie: id=42\r\n\r\n")
                    .server("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .server("4\r\nMZhe\r\n")
                    .server("3\r\nllo\r\n0\r\n\r\n");
            s.close();
        });
        assertEquals(List.of(20L, 21L, 22L, 23L, 24L, 25L, 26L, 27L, 29L, 30L, 31L, 32L, 33L), sids(out));
        AlertEvent a = out.of(AlertEvent.class).stream().filter(x -> x.signatureId() == 26).findFirst().orElseThrow();
        assertEquals("198.51.100.9", a.srcIp(), "a response alert runs server to client");
        assertEquals("Evil.Example", a.app().get("http.hostname"));
        assertEquals("/a/./b/../%63md.exe?x=1", a.app().get("http.url"));
    }
}
