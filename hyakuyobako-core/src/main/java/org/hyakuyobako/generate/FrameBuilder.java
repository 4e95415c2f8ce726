package org.hyakuyobako.generate;

import java.nio.ByteBuffer;

/**
 * Builds Ethernet frames carrying IPv4 or IPv6 with TCP, UDP or ICMP, with correct checksums,
 * into one reused buffer. For the generator and for tests that need exact packets.
 */
public final class FrameBuilder {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private final byte[] frame = new byte[70_000];
    private final ByteBuffer b = ByteBuffer.wrap(frame);
    private int vlanTags;
    private int ipId;

    /** The frame built last; valid until the next build. */
    public byte[] frame() {
        return frame;
    }

    /** Wraps following frames in this many 802.1Q tags (2 gives QinQ with an 802.1ad outer tag). */
    public FrameBuilder vlanTags(int n) {
        this.vlanTags = n;
        return this;
    }

    /** IPv4/TCP segment; returns the frame length. */
    public int tcp4(int src, int dst, int sport, int dport, int seq, int ack, int flags, int window, byte[] payload, int payloadLength) {
        int ip = ethernet(0x0800);
        int l4 = ip + 20;
        int tcpLength = 20 + payloadLength;
        ipv4Header(ip, src, dst, 6, 20 + tcpLength);
        tcpHeader(l4, sport, dport, seq, ack, flags, window, payload, payloadLength);
        tcpOrUdpChecksum4(l4, src, dst, 6, tcpLength, l4 + 16);
        return l4 + tcpLength;
    }

    /** IPv4/UDP datagram; returns the frame length. */
    public int udp4(int src, int dst, int sport, int dport, byte[] payload, int payloadLength) {
        int ip = ethernet(0x0800);
        int l4 = ip + 20;
        int udpLength = 8 + payloadLength;
        ipv4Header(ip, src, dst, 17, 20 + udpLength);
        b.putShort(l4, (short) sport).putShort(l4 + 2, (short) dport).putShort(l4 + 4, (short) udpLength).putShort(l4 + 6, (short) 0);
        copyPayload(l4 + 8, payload, payloadLength);
        tcpOrUdpChecksum4(l4, src, dst, 17, udpLength, l4 + 6);
        return l4 + udpLength;
    }

    /** IPv4/ICMP message with a 4-byte rest-of-header (id, sequence); returns the frame length. */
    public int icmp4(int src, int dst, int type, int code, int id, int sequence, int payloadLength) {
        int ip = ethernet(0x0800);
        int l4 = ip + 20;
        int icmpLength = 8 + payloadLength;
        ipv4Header(ip, src, dst, 1, 20 + icmpLength);
        b.put(l4, (byte) type).put(l4 + 1, (byte) code).putShort(l4 + 2, (short) 0)
                .putShort(l4 + 4, (short) id).putShort(l4 + 6, (short) sequence);
        for (int i = 0; i < payloadLength; i++) {
            frame[l4 + 8 + i] = (byte) i;
        }
        int sum = fold(sum(l4, icmpLength, 0));
        b.putShort(l4 + 2, (short) ~sum);
        return l4 + icmpLength;
    }

    /** IPv6/TCP segment (addresses as 16 bytes each); returns the frame length. */
    public int tcp6(byte[] src, byte[] dst, int sport, int dport, int seq, int ack, int flags, int window, byte[] payload, int payloadLength) {
        int ip = ethernet(0x86DD);
        int l4 = ip + 40;
        int tcpLength = 20 + payloadLength;
        b.putInt(ip, 0x6000_0000).putShort(ip + 4, (short) tcpLength).put(ip + 6, (byte) 6).put(ip + 7, (byte) 64);
        System.arraycopy(src, 0, frame, ip + 8, 16);
        System.arraycopy(dst, 0, frame, ip + 24, 16);
        tcpHeader(l4, sport, dport, seq, ack, flags, window, payload, payloadLength);
        long pseudo = sum(ip + 8, 32, 0) + 6 + tcpLength;
        b.putShort(l4 + 16, (short) ~fold(sum(l4, tcpLength, pseudo)));
        return l4 + tcpLength;
    }

    private int ethernet(int etherType) {
        // Locally administered MAC addresses: 02:00:00:00:00:01 -> 02:00:00:00:00:02.
        b.putInt(0, 0x0200_0000).putShort(4, (short) 0x0002).putInt(6, 0x0200_0000).putShort(10, (short) 0x0001);
        int o = 12;
        for (int i = 0; i < vlanTags; i++) {
            boolean outer = vlanTags > 1 && i == 0;
            b.putShort(o, (short) (outer ? 0x88A8 : 0x8100)).putShort(o + 2, (short) (100 + i));
            o += 4;
        }
        b.putShort(o, (short) etherType);
        return o + 2;
    }

    private void ipv4Header(int ip, int src, int dst, int protocol, int totalLength) {
        b.put(ip, (byte) 0x45).put(ip + 1, (byte) 0).putShort(ip + 2, (short) totalLength)
                .putShort(ip + 4, (short) (ipId++)).putShort(ip + 6, (short) 0x4000)
                .put(ip + 8, (byte) 64).put(ip + 9, (byte) protocol).putShort(ip + 10, (short) 0)
                .putInt(ip + 12, src).putInt(ip + 16, dst);
        b.putShort(ip + 10, (short) ~fold(sum(ip, 20, 0)));
    }

    private void tcpHeader(int l4, int sport, int dport, int seq, int ack, int flags, int window, byte[] payload, int payloadLength) {
        b.putShort(l4, (short) sport).putShort(l4 + 2, (short) dport).putInt(l4 + 4, seq).putInt(l4 + 8, ack)
                .put(l4 + 12, (byte) 0x50).put(l4 + 13, (byte) flags).putShort(l4 + 14, (short) window)
                .putShort(l4 + 16, (short) 0).putShort(l4 + 18, (short) 0);
        copyPayload(l4 + 20, payload, payloadLength);
    }

    private void copyPayload(int at, byte[] payload, int length) {
        if (payload != null) {
            System.arraycopy(payload, 0, frame, at, length);
        } else {
            for (int i = 0; i < length; i++) {
                frame[at + i] = (byte) ('a' + i % 26);
            }
        }
    }

    private void tcpOrUdpChecksum4(int l4, int src, int dst, int protocol, int length, int checksumAt) {
        long pseudo = ((src >>> 16) & 0xFFFF) + (src & 0xFFFF) + ((dst >>> 16) & 0xFFFF) + (dst & 0xFFFF) + protocol + length;
        int c = ~fold(sum(l4, length, pseudo)) & 0xFFFF;
        if (protocol == 17 && c == 0) {
            c = 0xFFFF;
        }
        b.putShort(checksumAt, (short) c);
    }

    private long sum(int offset, int length, long initial) {
        long s = initial;
        int i = offset;
        for (; i + 1 < offset + length; i += 2) {
            s += ((frame[i] & 0xFF) << 8) | (frame[i + 1] & 0xFF);
        }
        if (i < offset + length) {
            s += (frame[i] & 0xFF) << 8;
        }
        return s;
    }

    private static int fold(long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }
}
