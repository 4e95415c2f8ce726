package org.hyakuyobako.proto.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.TreeSet;
import org.hyakuyobako.event.IrcEvent;
import org.hyakuyobako.event.WeirdEvent;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The IRC parser on the Zeek and Arkime IRC traces, against the peers' expected output. */
class IrcOnCorpusTest {
    private static EventCollector run(String capture) throws IOException {
        return Pipelines.run(List.of(Corpus.file(capture)), a -> Detectors.addAppLayer(a, Pipelines.options(), BotVocabulary.bundled()));
    }

    /** The IRC weirds Zeek's baseline logs for the trace (Zeek's contentline weird is a framing detail we do not copy). */
    @ParameterizedTest
    @CsvSource({
        "zeek/irc-353.pcap, zeek/irc-353.names-weird.weird.log",
        "zeek/contentline-irc-5k-line.pcap, zeek/contentline-irc-5k-line.longline.weird.log"
    })
    void weirdsAgreeWithZeek(String capture, String weirdLog) throws IOException {
        TreeSet<String> expected = new TreeSet<>();
        for (String line : Files.readAllLines(Corpus.file(weirdLog))) {
            if (!line.startsWith("#")) {
                String name = line.split("\t")[6];
                if (name.startsWith("irc_")) {
                    expected.add(name);
                }
            }
        }
        TreeSet<String> got = new TreeSet<>();
        run(capture).of(WeirdEvent.class).forEach(w -> got.add(w.name()));
        assertEquals(expected, got);
    }

    /** Arkime's expected sessions name the nick and channel of each IRC trace. */
    @ParameterizedTest
    @CsvSource({"arkime/irc.pcap, molochtest, #moloch-fpc", "arkime/irc-cap-req.pcap, THE-USER, #THE-USER"})
    void nickAndChannelAgreeWithArkime(String capture, String nick, String channel) throws IOException {
        String expected = Files.readString(Corpus.file(capture.replace(".pcap", ".test.json")));
        assertTrue(expected.contains("\"" + nick + "\"") && expected.contains("\"" + channel + "\""), "fixture names them");
        EventCollector out = run(capture);
        List<IrcEvent> joins = out.of(IrcEvent.class).stream().filter(e -> e.command().equals("JOIN") && e.fromClient()).toList();
        assertEquals(1, joins.size());
        assertEquals(channel, joins.get(0).channel());
        assertEquals(nick, joins.get(0).nick());
        assertEquals(List.of(), out.of(WeirdEvent.class));
    }

    @ParameterizedTest
    @CsvSource("zeek/irc-starttls.pcap")
    void startTlsTraceStopsAtTheHandshake(String capture) throws IOException {
        EventCollector out = run(capture);
        assertEquals(List.of(), out.of(WeirdEvent.class));
        assertTrue(out.of(IrcEvent.class).stream().anyMatch(e -> e.command().equals("STARTTLS")));
    }
}
