package org.hyakuyobako.source.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** RFC 6587 framing both ways, and what a hostile sender gets: cut, counted, never a stuck or crashed listener. */
class TcpSyslogListenerTest {
    private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 200 && !done.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void octetCountingAndLineFramingInOneStream() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        try (TcpSyslogListener l = new TcpSyslogListener("127.0.0.1", 0, (text, sender) -> got.add(text))) {
            String a = "<166>Nov 24 2026 10:00:00 fw1 : %ASA-6-302013: Built outbound TCP connection 1";
            String b = "<166>1 2026-11-24T10:00:01Z fw1 - - - %ASA-6-302014: Teardown TCP connection 1\nwith a newline inside";
            try (Socket s = new Socket("127.0.0.1", l.port()); OutputStream out = s.getOutputStream()) {
                out.write((a.getBytes(StandardCharsets.UTF_8).length + " " + a).getBytes(StandardCharsets.UTF_8));
                out.write((b.getBytes(StandardCharsets.UTF_8).length + " " + b).getBytes(StandardCharsets.UTF_8));
                out.write("<13>plain line one\r\n2026-11-24 starts with digits\n\0<13>after a NUL\n".getBytes(StandardCharsets.UTF_8));
                out.write("<13>last line without LF".getBytes(StandardCharsets.UTF_8));
            }
            waitFor(() -> got.size() >= 6);
            assertEquals(List.of(a, b, "<13>plain line one", "2026-11-24 starts with digits", "<13>after a NUL", "<13>last line without LF"), got);
            assertEquals(6, l.messages());
        }
    }

    @Test
    void hostileSendersAreCutAndCounted() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        try (TcpSyslogListener l = new TcpSyslogListener("127.0.0.1", 0, (text, sender) -> {
            if (text.contains("boom")) {
                throw new IllegalStateException("handler bug");
            }
            got.add(text);
        })) {
            try (Socket s = new Socket("127.0.0.1", l.port()); OutputStream out = s.getOutputStream()) {
                out.write(("<13>" + "A".repeat(100_000) + "\n").getBytes(StandardCharsets.US_ASCII));
                out.write("<13>boom\n<13>after the bug\n".getBytes(StandardCharsets.US_ASCII));
                int n = 50_000;
                out.write((n + " <13>" + "B".repeat(n - 4)).getBytes(StandardCharsets.US_ASCII));
                out.write("<13>still framed\n".getBytes(StandardCharsets.US_ASCII));
            }
            waitFor(() -> got.size() >= 4);
            assertEquals(4, got.size(), got.stream().map(t -> t.substring(0, Math.min(20, t.length()))).toList().toString());
            assertEquals(TcpSyslogListener.MAX_MESSAGE, got.get(0).length(), "a 100 kB line is cut at the cap");
            assertEquals("<13>after the bug", got.get(1));
            assertEquals(TcpSyslogListener.MAX_MESSAGE, got.get(2).length());
            assertEquals("<13>still framed", got.get(3), "the octet count kept the stream in step");
            assertEquals(2, l.overlong());
            assertEquals(1, l.failed(), "the handler's exception cost one message");
            try (Socket s = new Socket("127.0.0.1", l.port()); OutputStream out = s.getOutputStream()) {
                out.write("99999999 <13>x".getBytes(StandardCharsets.US_ASCII));
            }
            waitFor(() -> l.malformed() > 0);
            assertEquals(1, l.malformed(), "an absurd length closes that connection");
            try (Socket s = new Socket("127.0.0.1", l.port()); OutputStream out = s.getOutputStream()) {
                out.write("<13>the listener lives on\n".getBytes(StandardCharsets.US_ASCII));
            }
            waitFor(() -> got.size() >= 5);
            assertTrue(got.contains("<13>the listener lives on"));
        }
    }
}
