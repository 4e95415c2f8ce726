package org.hyakuyobako.source.flowfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hyakuyobako.event.EveContext;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.flow.FlowRecord;
import org.hyakuyobako.sink.EveJsonSink;
import org.hyakuyobako.testing.Corpus;
import org.hyakuyobako.testing.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flow files read back into the packet path's flow records: EVE round trip, Zeek's conn.log, Argus and binetflow. */
class FlowFileReaderTest {
    @TempDir
    Path dir;

    record Read(List<FlowRecord> flows, List<String> problems, FlowFileFormat format, FlowFileReader reader) {
    }

    static Read read(Path file) throws IOException {
        List<FlowRecord> flows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        FlowFileReader r = new FlowFileReader(flows::add, problems::add);
        FlowFileFormat f = r.read(file, 0);
        return new Read(flows, problems, f, r);
    }

    @Test
    void eveFlowsWrittenByThePacketPathReadBackTheSame() throws IOException {
        List<Event> events = Pipelines.run(List.of(Corpus.file("zeek/http-connect-with-smtp.pcap"), Corpus.file("ndpi/emotet.pcap")),
                a -> { }).events;
        Path eve = dir.resolve("eve.json");
        try (EveJsonSink sink = new EveJsonSink(eve, new EveContext(List.of("s"), List.of("a", "b")))) {
            for (Event e : events) {
                sink.accept(e);
            }
        }
        List<FlowRecord> written = events.stream().filter(FlowEvent.class::isInstance).map(e -> ((FlowEvent) e).flow()).toList();
        Read back = read(eve);
        assertEquals(FlowFileFormat.EVE, back.format());
        assertTrue(back.problems().isEmpty(), back.problems().toString());
        assertEquals(written.size(), back.flows().size());
        Map<Long, FlowRecord> byId = back.flows().stream().collect(Collectors.toMap(FlowRecord::flowId, Function.identity()));
        for (FlowRecord w : written) {
            FlowRecord r = byId.get(w.flowId());
            assertEquals(w.srcIp(), r.srcIp());
            assertEquals(w.destIp(), r.destIp());
            assertEquals(w.srcPort(), r.srcPort());
            assertEquals(w.destPort(), r.destPort());
            assertEquals(w.protocol(), r.protocol());
            assertEquals(w.startNanos() / 1_000, r.startNanos() / 1_000, "EVE times have microseconds");
            assertEquals(w.endNanos() / 1_000, r.endNanos() / 1_000);
            assertEquals(w.pktsToServer(), r.pktsToServer());
            assertEquals(w.pktsToClient(), r.pktsToClient());
            assertEquals(w.bytesToServer(), r.bytesToServer());
            assertEquals(w.bytesToClient(), r.bytesToClient());
            assertEquals(w.origSeqBytes(), r.origSeqBytes());
            assertEquals(w.respSeqBytes(), r.respSeqBytes());
            assertEquals(w.origIpBytes(), r.origIpBytes());
            assertEquals(w.connState(), r.connState());
            assertEquals(w.history(), r.history());
            assertEquals(w.tcpFlagsToServer(), r.tcpFlagsToServer());
            assertEquals(w.tcpFlagsToClient(), r.tcpFlagsToClient());
            assertEquals(w.appProto(), r.appProto());
            assertEquals(w.communityId(), r.communityId());
        }
        assertTrue(back.reader().otherEvents() > 0, "the other event types are counted, not read as flows");
    }

    @Test
    void flowsWrittenAsZeekConnLogAndArgusCsvReadBackTheSame() throws IOException {
        List<Event> events = Pipelines.run(List.of(Corpus.file("ndpi/emotet.pcap"), Corpus.file("slips/test12-icmp-portscan.pcap")),
                a -> { }).events;
        Path conn = dir.resolve("conn.log");
        Path argus = dir.resolve("flows.csv");
        try (org.hyakuyobako.sink.ZeekConnLogSink z = new org.hyakuyobako.sink.ZeekConnLogSink(conn);
             org.hyakuyobako.sink.ArgusCsvSink a = new org.hyakuyobako.sink.ArgusCsvSink(argus)) {
            for (Event e : events) {
                z.accept(e);
                a.accept(e);
            }
        }
        List<FlowRecord> written = events.stream().filter(FlowEvent.class::isInstance).map(e -> ((FlowEvent) e).flow()).toList();
        Read z = read(conn);
        Read a = read(argus);
        assertEquals(FlowFileFormat.ZEEK_TSV, z.format());
        assertEquals(FlowFileFormat.ARGUS_CSV, a.format());
        assertTrue(z.problems().isEmpty() && a.problems().isEmpty(), z.problems() + " " + a.problems());
        assertEquals(written.size(), z.flows().size());
        assertEquals(written.size(), a.flows().size());
        for (int i = 0; i < written.size(); i++) {
            FlowRecord w = written.get(i);
            for (FlowRecord r : List.of(z.flows().get(i), a.flows().get(i))) {
                assertEquals(w.srcIp(), r.srcIp());
                assertEquals(w.destIp(), r.destIp());
                assertEquals(w.srcPort(), r.srcPort());
                assertEquals(w.destPort(), r.destPort());
                assertEquals(w.protocol(), r.protocol());
                assertEquals(w.startNanos() / 1_000, r.startNanos() / 1_000);
                assertEquals(w.durationNanos() / 1_000, r.durationNanos() / 1_000);
                assertEquals(w.pktsToServer(), r.pktsToServer());
                assertEquals(w.pktsToClient(), r.pktsToClient());
                assertEquals(w.connState(), r.connState());
            }
            FlowRecord zr = z.flows().get(i);
            assertEquals(w.origSeqBytes(), zr.origSeqBytes(), "Zeek's payload bytes");
            assertEquals(w.respSeqBytes(), zr.respSeqBytes());
            assertEquals(w.origIpBytes(), zr.origIpBytes(), "Zeek's IP bytes");
            assertEquals(w.respIpBytes(), zr.respIpBytes());
            assertEquals(w.history(), zr.history());
            FlowRecord ar = a.flows().get(i);
            assertEquals(w.bytesToServer(), ar.bytesToServer(), "Argus's bytes (on the wire)");
            assertEquals(w.bytesToClient(), ar.bytesToClient());
        }
    }

    @Test
    void zeekConnLogAgreesWithOurFlowOfTheSameCapture() throws IOException {
        // The btest baseline hides its timestamps; give it one so the line parses.
        Path conn = dir.resolve("conn.log");
        Files.writeString(conn, Files.readString(Corpus.file("zeek/http-connect-with-smtp.conn.log")).replace("XXXXXXXXXX.XXXXXX", "1300000000.000000"));
        Read zeek = read(conn);
        assertEquals(FlowFileFormat.ZEEK_TSV, zeek.format());
        assertTrue(zeek.problems().isEmpty(), zeek.problems().toString());
        assertEquals(1, zeek.flows().size());
        FlowRecord z = zeek.flows().get(0);
        FlowRecord ours = Pipelines.run(List.of(Corpus.file("zeek/http-connect-with-smtp.pcap")), a -> { }).of(FlowEvent.class).get(0).flow();
        assertEquals(ours.srcIp(), z.srcIp());
        assertEquals(ours.srcPort(), z.srcPort());
        assertEquals(ours.destIp(), z.destIp());
        assertEquals(ours.destPort(), z.destPort());
        assertEquals(ours.origSeqBytes(), z.origSeqBytes());
        assertEquals(ours.respSeqBytes(), z.respSeqBytes());
        assertEquals(ours.pktsToServer(), z.pktsToServer());
        assertEquals(ours.pktsToClient(), z.pktsToClient());
        assertEquals(ours.origIpBytes(), z.origIpBytes());
        assertEquals(ours.respIpBytes(), z.respIpBytes());
        assertEquals(ours.connState(), z.connState());
        assertEquals(ours.history(), z.history());
        assertEquals(ours.durationNanos() / 1_000, z.durationNanos() / 1_000);
    }

    @Test
    void argusAndBinetflowWithLabels() throws IOException {
        Path argus = dir.resolve("flows.csv");
        Files.writeString(argus, """
                StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,TotPkts,TotBytes,SrcBytes
                2011/08/10 09:46:53.047277,3.124,tcp,147.32.84.165,1040,   ->,192.0.2.66,6667,FSPA_FSPA,20,2400,1400
                2011/08/10 09:46:54.000000,0.000,icmp,147.32.84.165,0x0008,   ->,192.0.2.1,0x0000,ECO,1,98,98
                not,a,flow
                """);
        Read a = read(argus);
        assertEquals(FlowFileFormat.ARGUS_CSV, a.format());
        assertEquals(2, a.flows().size());
        assertEquals(1, a.problems().size(), "the bad line, with its number");
        assertTrue(a.problems().get(0).contains(":4: "), a.problems().get(0));
        FlowRecord irc = a.flows().get(0);
        assertEquals("147.32.84.165", irc.srcIp());
        assertEquals(6667, irc.destPort());
        assertEquals(1400, irc.bytesToServer());
        assertEquals(1000, irc.bytesToClient());
        assertEquals(3_124_000_000L, irc.durationNanos());
        assertEquals(java.time.Instant.parse("2011-08-10T09:46:53.047Z").toEpochMilli(), irc.startNanos() / 1_000_000);
        assertEquals(8, a.flows().get(1).srcPort(), "ICMP type written in hex");
        Path ctu = dir.resolve("capture.binetflow");
        Files.writeString(ctu, """
                StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label
                2011/08/10 09:46:53.047277,3.124,tcp,147.32.84.165,1040,   ->,192.0.2.66,6667,FSPA_FSPA,0,0,20,2400,1400,flow=From-Botnet-V42-TCP-CC6-IRC
                """);
        Read c = read(ctu);
        assertEquals(FlowFileFormat.BINETFLOW, c.format());
        assertEquals("flow=From-Botnet-V42-TCP-CC6-IRC", c.reader().labels().get(c.flows().get(0).flowId()));
    }
}
