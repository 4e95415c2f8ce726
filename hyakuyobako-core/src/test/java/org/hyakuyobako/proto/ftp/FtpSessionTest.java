package org.hyakuyobako.proto.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.event.FtpEvent;
import org.hyakuyobako.generate.PcapWriter;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.hyakuyobako.testing.TcpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FTP control connections: found by content on any port, file commands logged, executables fetched are downloads. */
class FtpSessionTest {
    @TempDir
    Path dir;

    @Test
    void aBotFetchingItsUpdateOverFtpOnAnOddPort() throws Exception {
        Path capture = dir.resolve("ftp.pcap");
        try (PcapWriter w = new PcapWriter(capture, 1)) {
            TcpScript s = new TcpScript(w, "10.0.0.7", 40001, "198.51.100.21", 2121, 1_200_000_000_000_000_000L);
            s.server("220 ProFTPD Server ready.\r\n").client("USER bot\r\n").server("331 Password required\r\n")
                    .client("PASS x\r\n").server("230 User bot logged in\r\n").client("TYPE I\r\n").server("200 Type set to I\r\n")
                    .client("RETR svchost32.exe\r\n").server("150 Opening BINARY mode data connection\r\n")
                    .server("226 Transfer complete\r\n").client("RETR missing.txt\r\n").server("550 No such file\r\n")
                    .client("QUIT\r\n").server("221 Goodbye.\r\n");
            s.close();
        }
        EventCollector out = Pipelines.run(List.of(capture), a -> Detectors.addDefaults(a, Pipelines.options()));
        assertEquals("ftp", out.of(FlowEvent.class).get(0).flow().appProto());
        List<FtpEvent> ftp = out.of(FtpEvent.class);
        assertEquals(2, ftp.size(), ftp.toString());
        assertEquals("bot", ftp.get(0).user());
        assertEquals("RETR", ftp.get(0).command());
        assertEquals("svchost32.exe", ftp.get(0).arg());
        assertEquals(226, ftp.get(0).replyCode());
        assertEquals(550, ftp.get(1).replyCode());
        List<EvidenceEvent> e = out.of(EvidenceEvent.class).stream().filter(x -> x.method().equals("download")).toList();
        assertEquals(1, e.size(), e.toString());
        assertTrue(e.get(0).summary().startsWith("fetches the executable svchost32.exe over FTP from 198.51.100.21:2121 as user bot"),
                e.get(0).summary());
    }
}
