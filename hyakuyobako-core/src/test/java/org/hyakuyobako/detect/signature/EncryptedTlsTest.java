package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.testing.EventCollector;
import org.hyakuyobako.testing.Pipelines;
import org.hyakuyobako.testing.RuleRuns;
import org.hyakuyobako.testing.TcpScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suricata's default encryption handling: once both sides of a TLS connection changed cipher spec,
 * content rules no longer look at its payload (packets or stream); the clear handshake before that
 * is inspected, and {@code --inspect-encrypted} keeps inspecting everything.
 */
class EncryptedTlsTest {
    @TempDir
    Path dir;

    static final String RULES = """
            alert tcp any any -> any any (msg:"stream content in ciphertext"; flow:established; content:"secret-marker"; sid:1;)
            alert ip any any -> any any (msg:"packet content in ciphertext"; content:"secret-marker"; sid:2;)
            alert tcp any any -> any 443 (msg:"client hello"; flow:to_server; content:"|16 03 01|"; depth:3; sid:3;)
            """;

    @Test
    void ciphertextIsNotInspectedByDefault() throws IOException {
        assertEquals(List.of(3L), sids(run(false)));
    }

    @Test
    void inspectEncryptedKeepsLookingAtTheCiphertext() throws IOException {
        assertEquals(List.of(1L, 1L, 2L, 2L, 3L), sids(run(true)));
    }

    /** SMTP's STARTTLS and FTP's AUTH TLS: the server accepts, then a TLS handshake and ciphertext. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "25 | 220 mx ready | EHLO me   | 250 STARTTLS | STARTTLS | 220 go ahead",
        "21 | 220 ftp ready | USER anonymous | 331 password | AUTH TLS | 234 AUTH TLS ok"})
    void anAcceptedUpgradeToTlsLeavesCiphertext(int port, String greeting, String command, String reply, String upgrade, String accepted)
            throws IOException {
        String rules = "alert tcp any any -> any " + port + " (msg:\"clear command\"; flow:to_server; content:\"" + command + "\"; sid:5;)\n"
                + "alert tcp any any -> any any (msg:\"content after the upgrade\"; flow:established; content:\"secret-marker\"; sid:6;)\n";
        RuleRuns.Script session = w -> {
            TcpScript s = new TcpScript(w, "10.0.0.7", 40002, "192.0.2.25", port, 1_200_000_000_000_000_000L);
            s.server(greeting + "\r\n").client(command + "\r\n").server(reply + "\r\n");
            s.client(upgrade + "\r\n").server(accepted + "\r\n");
            handshakeThenSecrets(s);
            s.close();
        };
        assertEquals(List.of(5L), sids(run(false, rules, session)));
        assertEquals(List.of(5L, 6L, 6L), sids(run(true, rules, session)));
    }

    private EventCollector run(boolean inspectEncrypted) throws IOException {
        return run(inspectEncrypted, RULES, w -> {
            TcpScript s = new TcpScript(w, "10.0.0.7", 40001, "192.0.2.80", 443, 1_200_000_000_000_000_000L);
            handshakeThenSecrets(s);
            s.close();
        });
    }

    private EventCollector run(boolean inspectEncrypted, String rules, RuleRuns.Script script) throws IOException {
        return RuleRuns.run(dir, rules, Pipelines.options().withInspectEncrypted(inspectEncrypted), script);
    }

    /** A TLS handshake (both sides change cipher spec), then a record of "ciphertext" holding the marker each way. */
    private static void handshakeThenSecrets(TcpScript s) throws IOException {
        s.client(record(0x16, hello(1, 41)));
        s.server(record(0x16, hello(2, 38)) + record(0x14, "\u0001"));
        s.client(record(0x14, "\u0001") + record(0x17, "..secret-marker.."));
        s.server(record(0x17, "..secret-marker reply.."));
    }

    /** A TLS record of this type around the body (bytes as ISO-8859-1 characters). */
    private static String record(int type, String body) {
        int n = body.length();
        return new String(new byte[] {(byte) type, 3, (type == 0x16 && body.charAt(0) == 1) ? (byte) 1 : (byte) 3, (byte) (n >> 8), (byte) n},
                StandardCharsets.ISO_8859_1) + body;
    }

    /** A ClientHello (1) or ServerHello (2) without extensions: version, random, empty session id, one suite, null compression. */
    private static String hello(int type, int bodyLength) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(type);
        b.write(0);
        b.write(bodyLength >> 8);
        b.write(bodyLength);
        b.write(3);
        b.write(3);
        b.writeBytes(new byte[32]);
        b.write(0);
        if (type == 1) {
            b.writeBytes(new byte[] {0, 2, 0x13, 0x01, 1, 0});
        } else {
            b.writeBytes(new byte[] {0x13, 0x01, 0});
        }
        return new String(b.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    private static List<Long> sids(EventCollector out) {
        return RuleRuns.sids(out);
    }
}
