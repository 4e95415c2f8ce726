package org.hyakuyobako.proto.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One case per kind, and the look-alikes each must not be taken for. Mutations seen failing: the
 * base64 rule without its "mixed" condition (a long lowercase word became base64), the form rule
 * accepting spaces (a value with a space became form), the printable share at 1 in 2 (one control
 * byte in ten became text), the MZ check dropped (executables became binary).
 */
class BodyKindTest {
    private static BodyKind kind(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return BodyKind.of(b, b.length, b.length);
    }

    private static BodyKind kind(byte[] b) {
        return BodyKind.of(b, b.length, b.length);
    }

    @Test
    void empty() {
        assertEquals(BodyKind.EMPTY, BodyKind.of(new byte[0], 0, 0));
    }

    @Test
    void formDataAndWhatOnlyLooksLikeIt() {
        assertEquals(BodyKind.FORM, kind("id=9f3a21&st=done&os=Windows%207"));
        assertEquals(BodyKind.FORM, kind("q="));
        assertEquals(BodyKind.TEXT, kind("a = b and c = d"), "prose with '=' is text");
        assertEquals(BodyKind.TEXT, kind("hello"), "no pair, no form");
        assertEquals(BodyKind.TEXT, kind("subject=hello world&to=me"), "a space: forms are URL-encoded, this is prose");
    }

    @Test
    void base64AndWhatOnlyLooksLikeIt() {
        assertEquals(BodyKind.BASE64, kind("U29tZSBib3QgcmVwb3J0IGRhdGEgaGVyZQ=="));
        assertEquals(BodyKind.BASE64, kind("QUJDREVGR0hJSktMTU5PUFFSU1RVVldY\r\nWVo0NTY3ODk="), "line-wrapped");
        assertEquals(BodyKind.TEXT, kind("supercalifragilisticexpialidocious"), "one case, no digits: a word");
        assertEquals(BodyKind.TEXT, kind("0123456789abcdef0123456789abcdef"), "hex: one case");
        assertNotEquals(BodyKind.BASE64, kind("aGVsbG8="), "too short to tell (it is also a form field with no value)");
        assertNotEquals(BodyKind.BASE64, kind("QUJD=REVGR0hJSktMTU5PUFFS"), "padding inside");
    }

    @Test
    void jsonAndText() {
        assertEquals(BodyKind.JSON, kind("  {\"id\": 1, \"cmd\": \"wait\"}"));
        assertEquals(BodyKind.JSON, kind("[1,2,3]"));
        assertEquals(BodyKind.TEXT, kind("<html><body>Hello</body></html>"));
        assertEquals(BodyKind.TEXT, kind("Grüße aus München".getBytes(StandardCharsets.UTF_8)), "UTF-8 is text");
    }

    @Test
    void executablesFilesAndOpaqueBytes() {
        assertEquals(BodyKind.EXECUTABLE, kind("MZ\u0090\u0000\u0003\u0000"));
        assertEquals(BodyKind.EXECUTABLE, kind(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}));
        assertEquals(BodyKind.FILE, kind(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}));
        assertEquals(BodyKind.FILE, kind(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0}));
        assertEquals(BodyKind.FILE, kind("GIF89a\u0001\u0000"));
        byte[] random = new byte[200];
        new java.util.SplittableRandom(7).nextBytes(random);
        random[0] = 0x11;
        assertEquals(BodyKind.BINARY, kind(random));
        assertEquals(BodyKind.BINARY, kind("abcdefghi\u0001".repeat(10)), "one control byte in ten: not text");
        assertEquals(BodyKind.TEXT, kind("abcdefghijklmnopqrs\u0001".repeat(10)), "one in twenty: text with a stray byte");
    }
}
