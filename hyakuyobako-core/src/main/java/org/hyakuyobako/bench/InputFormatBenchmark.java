package org.hyakuyobako.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.hyakuyobako.source.firewall.AsaSyslogReader;
import org.hyakuyobako.source.firewall.FirewallFlows;
import org.hyakuyobako.source.flowfile.FlowFileReader;

/**
 * Lines per second for Cisco ASA syslog and flows per second for each flow-file format, on
 * generated input of realistic shape (Built/Teardown pairs and denials; one flow per line), one
 * thread, records counted not written.
 */
public final class InputFormatBenchmark {
    private InputFormatBenchmark() {
    }

    public static Map<String, Double> run(int records, Path work, PrintStream say) throws IOException {
        Files.createDirectories(work);
        Random random = new Random(1);
        Map<String, Double> out = new LinkedHashMap<>();
        // ASA: a Built, a Teardown and every fourth a denial.
        StringBuilder asa = new StringBuilder();
        for (int i = 0; i < records / 2; i++) {
            String in = "10.0." + random.nextInt(256) + "." + random.nextInt(256);
            String ext = random.nextInt(224) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            int sport = 1024 + random.nextInt(60_000);
            asa.append("May 01 2024 10:").append(String.format("%02d:%02d", i / 60 % 60, i % 60))
                    .append(" fw1 : %ASA-6-302013: Built outbound TCP connection ").append(i).append(" for outside:").append(ext)
                    .append("/443 (").append(ext).append("/443) to inside:").append(in).append('/').append(sport)
                    .append(" (203.0.113.5/").append(sport).append(")\n");
            asa.append("May 01 2024 10:").append(String.format("%02d:%02d", i / 60 % 60, i % 60))
                    .append(" fw1 : %ASA-6-302014: Teardown TCP connection ").append(i).append(" for outside:").append(ext)
                    .append("/443 to inside:").append(in).append('/').append(sport).append(" duration 0:00:0").append(i % 10)
                    .append(" bytes ").append(random.nextInt(100_000)).append(" TCP FINs\n");
            if (i % 4 == 0) {
                asa.append("%ASA-4-106023: Deny tcp src outside:").append(ext).append("/").append(sport).append(" dst inside:")
                        .append(in).append("/445 by access-group \"outside_in\" [0x0, 0x0]\n");
            }
        }
        byte[] asaBytes = asa.toString().getBytes(StandardCharsets.ISO_8859_1);
        long lines = asa.chars().filter(c -> c == '\n').count();
        long[] flows = {0};
        FirewallFlows joiner = new FirewallFlows(f -> flows[0]++);
        AsaSyslogReader reader = new AsaSyslogReader(joiner::accept, p -> { });
        long start = System.nanoTime();
        reader.read(new ByteArrayInputStream(asaBytes), "asa", 2024);
        joiner.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.put("ASA syslog lines/s", lines / seconds);
        say.printf("ASA syslog: %,d lines (%,.1f MB) in %.2f s: %,.0f lines/s, %,d connections joined%n", lines, asaBytes.length / 1e6,
                seconds, lines / seconds, flows[0]);
        // Flow files: one line per flow in each format.
        String[] formats = {"zeek", "argus", "binetflow", "eve"};
        for (String format : formats) {
            Path file = work.resolve("flows." + format);
            // Written as it is made: a million EVE lines do not fit a default heap as one string.
            try (java.io.Writer text = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
                switch (format) {
                    case "zeek" -> text.append("#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\t"
                            + "service\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\t"
                            + "orig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n");
                    case "argus" -> text.append("StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,TotPkts,TotBytes,SrcBytes\n");
                    case "binetflow" -> text.append("StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label\n");
                    default -> {
                    }
                }
                for (int i = 0; i < records; i++) {
                    String src = "10.0." + random.nextInt(256) + "." + random.nextInt(256);
                    String dst = random.nextInt(224) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
                    int sport = 1024 + random.nextInt(60_000);
                    StringBuilder line = new StringBuilder(200);
                    switch (format) {
                        case "zeek" -> line.append(1_700_000_000 + i).append(".123456\tC").append(i).append('\t').append(src).append('\t')
                                .append(sport).append('\t').append(dst).append("\t443\ttcp\tssl\t1.5\t500\t4000\tSF\tT\tF\t0\tShADadFf\t8\t900\t7\t4400\t-\n");
                        case "argus" -> line.append("2023/11/14 22:13:").append(String.format("%02d", i % 60)).append(".123456,1.5,tcp,").append(src)
                                .append(',').append(sport).append(",   ->,").append(dst).append(",443,FSPA_FSPA,15,5300,900\n");
                        case "binetflow" -> line.append("2011/08/10 09:46:").append(String.format("%02d", i % 60)).append(".047277,1.5,tcp,").append(src)
                                .append(',').append(sport).append(",   ->,").append(dst).append(",443,FSPA_FSPA,0,0,15,5300,900,flow=Background\n");
                        default -> line.append("{\"timestamp\":\"2023-11-14T22:13:20.000000+0000\",\"event_type\":\"flow\",\"flow_id\":").append(i)
                                .append(",\"src_ip\":\"").append(src).append("\",\"src_port\":").append(sport).append(",\"dest_ip\":\"").append(dst)
                                .append("\",\"dest_port\":443,\"proto\":\"TCP\",\"app_proto\":\"tls\",\"flow\":{\"pkts_toserver\":8,\"pkts_toclient\":7,")
                                .append("\"bytes_toserver\":900,\"bytes_toclient\":4400,\"start\":\"2023-11-14T22:13:20.000000+0000\",")
                                .append("\"end\":\"2023-11-14T22:13:21.500000+0000\",\"age\":1,\"reason\":\"timeout\",\"alerted\":false}}\n");
                    }
                    text.write(line.toString());
                }
            }
            long[] n = {0};
            FlowFileReader r = new FlowFileReader(f -> n[0]++, p -> { });
            long t0 = System.nanoTime();
            r.read(file, 0);
            double s = (System.nanoTime() - t0) / 1e9;
            out.put(format + " flows/s", n[0] / s);
            say.printf("%-10s %,d flows (%,.1f MB) in %.2f s: %,.0f flows/s%n", format, n[0], Files.size(file) / 1e6, s, n[0] / s);
        }
        netflowV5(records, random, out, say);
        return out;
    }

    /**
     * NetFlow v5, v9 and IPFIX: export datagrams of 30 records each (v9 and IPFIX after their
     * template), decoded as the collector and export captures do. Each record's ports are summed, so
     * the JIT cannot drop the records unused.
     */
    private static void netflowV5(int records, Random random, Map<String, Double> out, PrintStream say) {
        int per = 30;
        for (String version : new String[] {"v5", "v9", "IPFIX"}) {
            java.util.List<byte[]> datagrams = new java.util.ArrayList<>();
            if (!version.equals("v5")) {
                datagrams.add(template(version));
            }
            for (int done = 0; done < records; done += per) {
                datagrams.add(data(version, per, done, random));
            }
            long[] n = {0, 0};
            org.hyakuyobako.source.flowfile.NetFlowDecoder decoder = new org.hyakuyobako.source.flowfile.NetFlowDecoder(f -> {
                n[0]++;
                n[1] += f.srcPort();
            }, p -> { });
            long t0 = System.nanoTime();
            for (byte[] d : datagrams) {
                decoder.datagram(d, "198.51.100.1", 0, "bench");
            }
            double s = (System.nanoTime() - t0) / 1e9;
            out.put("NetFlow " + version + " flows/s", n[0] / s);
            say.printf("%-10s %,d flows (%,d datagrams) in %.2f s: %,.0f flows/s (port sum %d)%n", "netflow " + version, n[0],
                    datagrams.size(), s, n[0] / s, n[1]);
        }
    }

    /** v9 and IPFIX template 300: addresses, ports, protocol, bytes, packets, first and last. */
    private static final int[][] V9_FIELDS = {{8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {1, 4}, {2, 4}, {22, 4}, {21, 4}};
    private static final int[][] IPFIX_FIELDS = {{8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {1, 8}, {2, 8}, {152, 8}, {153, 8}};

    private static byte[] template(String version) {
        boolean ipfix = version.equals("IPFIX");
        int[][] fields = ipfix ? IPFIX_FIELDS : V9_FIELDS;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(256);
        header(b, ipfix, 1, 0);
        b.putShort((short) (ipfix ? 2 : 0)).putShort((short) (8 + fields.length * 4)).putShort((short) 300).putShort((short) fields.length);
        for (int[] f : fields) {
            b.putShort((short) f[0]).putShort((short) f[1]);
        }
        return finish(b, ipfix);
    }

    private static byte[] data(String version, int count, int sequence, Random random) {
        if (version.equals("v5")) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + 48 * count);
            b.putShort((short) 5).putShort((short) count).putInt(100_000).putInt(1_700_000_000 + sequence / 1000).putInt(0).putInt(sequence)
                    .put((byte) 0).put((byte) 0).putShort((short) 0);
            for (int i = 0; i < count; i++) {
                b.putInt(0x0A00_0000 | random.nextInt(1 << 16)).putInt(random.nextInt()).putInt(0).putShort((short) 1).putShort((short) 2)
                        .putInt(8).putInt(900).putInt(90_000).putInt(95_000).putShort((short) (1024 + random.nextInt(60_000)))
                        .putShort((short) 443).put((byte) 0).put((byte) 0x1b).put((byte) 6).put((byte) 0).putShort((short) 0)
                        .putShort((short) 0).put((byte) 24).put((byte) 24).putShort((short) 0);
            }
            return b.array();
        }
        boolean ipfix = version.equals("IPFIX");
        int recordLength = ipfix ? 4 + 4 + 2 + 2 + 1 + 8 + 8 + 8 + 8 : 29;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(20 + 4 + recordLength * count + 4);
        header(b, ipfix, 1, sequence);
        int setLength = 4 + recordLength * count;
        int padded = (setLength + 3) / 4 * 4;
        b.putShort((short) 300).putShort((short) padded);
        for (int i = 0; i < count; i++) {
            b.putInt(0x0A00_0000 | random.nextInt(1 << 16)).putInt(random.nextInt()).putShort((short) (1024 + random.nextInt(60_000)))
                    .putShort((short) 443).put((byte) 6);
            if (ipfix) {
                b.putLong(900).putLong(8).putLong(1_700_000_000_000L).putLong(1_700_000_001_500L);
            } else {
                b.putInt(900).putInt(8).putInt(90_000).putInt(95_000);
            }
        }
        b.put(new byte[padded - setLength]);
        return finish(b, ipfix);
    }

    private static void header(java.nio.ByteBuffer b, boolean ipfix, int count, int sequence) {
        if (ipfix) {
            b.putShort((short) 10).putShort((short) 0).putInt(1_700_000_000).putInt(sequence).putInt(7);
        } else {
            b.putShort((short) 9).putShort((short) count).putInt(100_000).putInt(1_700_000_000).putInt(sequence).putInt(42);
        }
    }

    private static byte[] finish(java.nio.ByteBuffer b, boolean ipfix) {
        int length = b.position();
        if (ipfix) {
            b.putShort(2, (short) length);
        }
        return java.util.Arrays.copyOf(b.array(), length);
    }
}
