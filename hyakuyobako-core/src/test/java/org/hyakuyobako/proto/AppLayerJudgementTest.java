package org.hyakuyobako.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.event.IrcEvent;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.hyakuyobako.testing.TcpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection is judged again only when its prefixes grew: a client that talks on past its full
 * prefix while the server is silent is not judged on every packet, yet the server's first words
 * still decide the protocol.
 */
class AppLayerJudgementTest {
    @TempDir
    Path dir;

    @Test
    void aSilentServerIsJudgedWhenItFinallySpeaks() throws Exception {
        Path capture = dir.resolve("late.pcap");
        try (PcapWriter w = new PcapWriter(capture, 1)) {
            TcpScript s = new TcpScript(w, "10.0.0.7", 40001, "198.51.100.21", 8088, 1_200_000_000_000_000_000L);
            // Not a protocol's first words: the first segment fills the client's prefix (kept whole,
            // line by line), the next ones find it full and leave it as it was.
            s.client("q".repeat(998) + "\r\n");
            for (int i = 0; i < 4; i++) {
                s.client("q".repeat(298) + "\r\n");
            }
            // What the parser reads after the bytes it never saw starts at the next line's start.
            s.server(":irc.example.net 001 bot :Welcome\r\n").client("MODE bot +i\r\nJOIN #late\r\n").close();
        }
        EventCollector out = Pipelines.run(List.of(capture), a -> Detectors.addDefaults(a, Pipelines.options()));
        assertEquals("irc", out.of(FlowEvent.class).get(0).flow().appProto());
        // Judged when the server spoke, not only when the connection ended: the parser read the JOIN
        // that came after the client's prefix was full.
        assertEquals(List.of("#late"), out.of(IrcEvent.class).stream().filter(e -> e.command().equals("JOIN")).map(IrcEvent::channel).toList());
    }
}
