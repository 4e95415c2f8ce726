package org.hyakuyobako.proto.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.TlsEvent;
import org.hyakuyobako.event.WeirdEvent;
import org.junit.jupiter.api.Test;

/**
 * Hellos from the network are hostile: every truncation and many random corruptions of a real
 * hello must parse or be refused, never throw, and a refused one is a counted {@code weird} with no
 * fingerprint. Mutations seen failing here: dropping the extension-length check in
 * {@link ClientHello#parse} (an ArrayIndexOutOfBoundsException from a truncated hello), and not
 * emitting the weird.
 */
class HostileHelloTest {
    @Test
    void truncatedAndCorruptedHellosNeverThrow() {
        byte[] good = TlsFingerprintVectorsTest.foxIoHello(true);
        int refused = 0;
        for (int n = 0; n < good.length; n++) {
            ClientHello h = ClientHello.parse(Arrays.copyOf(good, n));
            if (h == null) {
                refused++;
            } else {
                fingerprints(h);
            }
        }
        // Only the cut right after the compression methods leaves a well-formed (extension-less) hello.
        assertEquals(good.length - 1, refused);
        SplittableRandom random = new SplittableRandom(27);
        for (int round = 0; round < 20_000; round++) {
            byte[] bad = good.clone();
            for (int k = random.nextInt(1, 4); k > 0; k--) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            ClientHello h = ClientHello.parse(bad);
            if (h != null) {
                fingerprints(h);
            }
            ServerHello s = ServerHello.parse(bad);
            if (s != null) {
                Ja3Fingerprint.ofServer(s);
            }
        }
    }

    private static void fingerprints(ClientHello h) {
        assertNotNull(Ja3Fingerprint.of(h).hash());
        assertTrue(Ja4Fingerprint.FORMAT.matcher(Ja4Fingerprint.of(h)).matches(), Ja4Fingerprint.of(h));
        h.serverName();
    }

    @Test
    void aMalformedHelloIsAWeirdWithoutFingerprints() {
        byte[] record = new HelloBytes().ciphers(0x1301).serverName("evil.example").list16(10, 29).record();
        // The supported_groups list claims 4 bytes where the extension has 2: the hello is refused,
        // its server name still read the old way.
        record[record.length - 3] = 4;
        List<Event> events = new ArrayList<>();
        ConnectionRef conn = new ConnectionRef(1, 0, "10.0.0.5", 50_000, "192.0.2.9", 443);
        TlsHelloCounters counters = new TlsHelloCounters();
        TlsSession session = new TlsSession(conn, events::add, counters);
        session.clientStream().data(ByteBuffer.wrap(record), 0, record.length, 0);
        session.close();
        assertEquals(1, counters.malformedHellos());
        assertEquals(0, counters.fingerprintedHellos());
        assertEquals(List.of("tls_malformed_client_hello"),
                events.stream().filter(WeirdEvent.class::isInstance).map(e -> ((WeirdEvent) e).name()).toList());
        TlsEvent tls = events.stream().filter(TlsEvent.class::isInstance).map(TlsEvent.class::cast).findFirst().orElseThrow();
        assertEquals("evil.example", tls.sni());
        assertNull(tls.ja3Hash());
        assertNull(tls.ja4());
    }

    @Test
    void aWellFormedHelloThroughTheSessionHasItsFingerprints() {
        byte[] record = new HelloBytes().ciphers(0x1301).serverName("good.example").list16(10, 29).record();
        List<Event> events = new ArrayList<>();
        TlsSession session = new TlsSession(new ConnectionRef(1, 0, "10.0.0.5", 50_000, "192.0.2.9", 443), events::add);
        session.clientStream().data(ByteBuffer.wrap(record), 0, record.length, 0);
        session.close();
        TlsEvent tls = (TlsEvent) events.get(0);
        assertEquals("771,4865,0-10,29,", tls.ja3String());
        assertEquals("t12d0102" + "00", tls.ja4().substring(0, 10));
    }
}
