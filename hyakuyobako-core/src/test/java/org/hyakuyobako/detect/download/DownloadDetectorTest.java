package org.hyakuyobako.detect.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.HttpEvent;
import org.hyakuyobako.net.HomeNet;
import org.junit.jupiter.api.Test;

/** Downloads are reported once per host, server and URL, and memory for that stays bounded without going deaf. */
class DownloadDetectorTest {
    private static HttpEvent exe(String host, String url, long t) {
        return new HttpEvent(t, new ConnectionRef(t, 0, host, 40000, "198.51.100.9", 80), "dl.example", url, "GET", "curl/8",
                "HTTP/1.1", 200, "application/x-msdownload", 1000, true);
    }

    @Test
    void reportsEachDownloadOnceAndKeepsReportingNewOnesPastItsMemory() {
        List<Event> out = new ArrayList<>();
        DownloadDetector d = new DownloadDetector(HomeNet.privateRanges(), out::add);
        d.accept(exe("10.0.0.5", "/a.exe", 1));
        d.accept(exe("10.0.0.5", "/a.exe", 2));
        assertEquals(1, out.size(), "the same download twice: once");
        for (int i = 0; i < DownloadDetector.MAX_REPORTED + 10; i++) {
            d.accept(exe("10.0.0.6", "/bulk" + i + ".exe", 10 + i));
        }
        out.clear();
        d.accept(exe("10.0.0.7", "/new.exe", 1_000_000));
        assertEquals(1, out.size(), "a new download after the memory filled is still reported");
        assertEquals("10.0.0.7", ((EvidenceEvent) out.get(0)).host());
        assertEquals(12L, d.counters().get("download.dedup_keys_forgotten"), "1 + MAX_REPORTED + 10 + 1 remembered, MAX_REPORTED kept");
    }

    /** Code from the site's own update or file server is no evidence: a PC fetches it all day (issue 27). */
    @Test
    void anExecutableFromAMonitoredServerIsNoEvidence() {
        List<Event> out = new ArrayList<>();
        DownloadDetector d = new DownloadDetector(HomeNet.privateRanges(), out::add);
        d.accept(new HttpEvent(1, new ConnectionRef(1, 0, "10.0.0.5", 40000, "10.0.0.9", 8530), "10.0.0.9:8530", "/Content/kb.exe", "GET",
                "Windows-Update-Agent/10.0", "HTTP/1.1", 200, "application/octet-stream", 1000, true));
        assertEquals(List.of(), out);
        d.accept(exe("10.0.0.5", "/kb.exe", 2));
        assertEquals(1, out.size(), "the same from outside is");
    }
}
