package org.hyakuyobako.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.event.StatsEvent;
import org.hyakuyobako.event.SyncEvent;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.testing.EventCollector;
import org.junit.jupiter.api.Test;

/**
 * {@code analyze --listen}: firewall syslog over UDP and TCP and NetFlow v5 over UDP, received live,
 * become flows of their own sensors and reach the detectors as files do.
 */
class LiveAnalysisTest {
    @Test
    void syslogOverUdpAndTcpAndNetflowBecomeFlowsAndSyncEvents() throws Exception {
        List<LiveFlowInputs.Listen> listens = List.of(LiveFlowInputs.Listen.parse("syslog-udp:127.0.0.1:0"),
                LiveFlowInputs.Listen.parse("syslog-tcp:127.0.0.1:0"), LiveFlowInputs.Listen.parse("netflow:127.0.0.1:0"));
        List<SensorSpec> sensors = new ArrayList<>();
        listens.forEach(l -> sensors.add(new SensorSpec(l.sensorName(), List.of())));
        EventCollector out = new EventCollector();
        Analysis analysis = new Analysis(sensors, org.hyakuyobako.testing.Pipelines.options(), List.of(out), InputDiagnostics.silent(),
                ProgressListener.NONE);
        Detectors.addDefaults(analysis, org.hyakuyobako.testing.Pipelines.options());
        LiveFlowInputs live = new LiveFlowInputs(listens, 0, InputDiagnostics.silent());
        AtomicBoolean stop = new AtomicBoolean();
        analysis.addLiveInput(live, () -> !stop.get());
        Thread runner = new Thread(() -> {
            try {
                analysis.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        runner.start();
        List<Integer> ports = live.ports();

        // Over UDP, one datagram per line: three inside hosts reach one outside node in the same second.
        try (DatagramSocket udp = new DatagramSocket()) {
            int id = 1;
            for (int host = 1; host <= 3; host++) {
                for (String line : connection(id++, "10.0.0." + host, 40_000 + host, "192.0.2.66", 8080)) {
                    byte[] b = line.getBytes(StandardCharsets.UTF_8);
                    udp.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), ports.get(0)));
                }
            }
            // NetFlow v5: one flow.
            ByteBuffer b = ByteBuffer.allocate(24 + 48);
            b.putShort((short) 5).putShort((short) 1).putInt(100_000).putInt(1_714_557_600).putInt(0).putInt(1)
                    .put((byte) 0).put((byte) 0).putShort((short) 0);
            b.putInt(IpAddresses.parseV4("10.0.0.9")).putInt(IpAddresses.parseV4("198.51.100.7")).putInt(0).putShort((short) 1)
                    .putShort((short) 2).putInt(3).putInt(180).putInt(99_000).putInt(99_500).putShort((short) 41_000).putShort((short) 25)
                    .put((byte) 0).put((byte) 0x1b).put((byte) 6).put((byte) 0).putShort((short) 0).putShort((short) 0)
                    .put((byte) 24).put((byte) 24).putShort((short) 0);
            udp.send(new DatagramPacket(b.array(), b.array().length, InetAddress.getLoopbackAddress(), ports.get(2)));
        }
        // Over TCP, octet-counted: a fourth host a second later.
        try (Socket s = new Socket("127.0.0.1", ports.get(1)); OutputStream os = s.getOutputStream()) {
            for (String line : connection(10, "10.0.0.4", 40_004, "192.0.2.66", 8080)) {
                byte[] m = line.getBytes(StandardCharsets.UTF_8);
                os.write((m.length + " ").getBytes(StandardCharsets.US_ASCII));
                os.write(m);
            }
        }
        for (int i = 0; i < 300 && out.of(FlowEvent.class).size() < 5; i++) {
            Thread.sleep(10);
        }
        stop.set(true);
        runner.join(10_000);

        List<FlowEvent> flows = out.of(FlowEvent.class);
        assertEquals(5, flows.size(), flows.toString());
        assertTrue(flows.stream().anyMatch(f -> f.flow().srcIp().equals("10.0.0.9") && f.flow().destPort() == 25
                && f.flow().sensorId() == 2), "the NetFlow record, on the netflow listener's sensor");
        assertTrue(flows.stream().anyMatch(f -> f.flow().srcIp().equals("10.0.0.4") && f.flow().sensorId() == 1), "the TCP syslog connection");
        assertTrue(flows.stream().allMatch(f -> f.flow().flowId() >= LiveFlowInputs.FIRST_ID));
        assertTrue(out.of(SyncEvent.class).stream().anyMatch(e -> e.externalIp().equals("192.0.2.66") && e.hosts().size() >= 3),
                "inside hosts acting together, from live syslog: " + out.of(SyncEvent.class));
        StatsEvent stats = out.of(StatsEvent.class).get(0);
        assertEquals(4L, stats.counters().get("live.connections_joined"));
        assertEquals(1L, stats.counters().get("live.netflow_records"));
    }

    private static List<String> connection(int id, String inside, int port, String outside, int outsidePort) {
        String time = "May 01 2024 10:00:0" + (id >= 10 ? 1 : 0);
        return List.of(time + " fw1 : %ASA-6-302013: Built outbound TCP connection " + id + " for outside:" + outside + "/" + outsidePort
                        + " (" + outside + "/" + outsidePort + ") to inside:" + inside + "/" + port + " (203.0.113.5/" + port + ")",
                time + " fw1 : %ASA-6-302014: Teardown TCP connection " + id + " for outside:" + outside + "/" + outsidePort + " to inside:"
                        + inside + "/" + port + " duration 0:00:00 bytes 300 TCP FINs");
    }
}
