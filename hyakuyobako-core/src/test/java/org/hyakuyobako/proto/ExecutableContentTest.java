package org.hyakuyobako.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Executables by their first bytes; text and random bytes are none (mutations: MZ alone accepted, ELF type unchecked). */
class ExecutableContentTest {
    static byte[] pe() {
        byte[] b = new byte[512];
        b[0] = 'M';
        b[1] = 'Z';
        b[60] = (byte) 0x80;
        b[0x80] = 'P';
        b[0x81] = 'E';
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, b, 0x4e, stub.length);
        return b;
    }

    @Test
    void recognisesCode() {
        assertEquals("a Windows executable (PE)", ExecutableContent.kind(pe(), 512));
        byte[] stubOnly = pe();
        stubOnly[0x80] = 0;
        assertEquals("a Windows executable (MZ with a DOS stub)", ExecutableContent.kind(stubOnly, 512));
        byte[] elf = new byte[64];
        elf[0] = 0x7f;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        elf[4] = 1;
        elf[5] = 1;
        elf[6] = 1;
        elf[16] = 2;
        assertEquals("a Linux executable (ELF)", ExecutableContent.kind(elf, 64));
        byte[] sh = "#!/bin/sh\nwget http://x/y\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("a script (/bin/sh)", ExecutableContent.kind(sh, sh.length));
    }

    @Test
    void textAndNoiseAreNot() {
        byte[] mz = "MZ is a string many texts start with, and nothing more.................................".getBytes(StandardCharsets.US_ASCII);
        assertNull(ExecutableContent.kind(mz, mz.length));
        byte[] elfObject = new byte[64];
        elfObject[0] = 0x7f;
        elfObject[1] = 'E';
        elfObject[2] = 'L';
        elfObject[3] = 'F';
        elfObject[4] = 1;
        elfObject[5] = 1;
        elfObject[6] = 1;
        elfObject[16] = 1; // a relocatable object, not something that runs
        assertNull(ExecutableContent.kind(elfObject, 64));
        Random r = new Random(7);
        int found = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[512];
            r.nextBytes(b);
            if (ExecutableContent.kind(b, 512) != null) {
                found++;
            }
        }
        assertEquals(0, found, "random bytes are no executable");
        assertNull(ExecutableContent.kind(pe(), 40), "too short to tell");
        byte[] hostile = pe();
        hostile[60] = (byte) 0xfc;
        hostile[61] = (byte) 0xff;
        hostile[62] = (byte) 0xff;
        hostile[63] = 0x7f; // a PE offset near Integer.MAX_VALUE: offset + 4 would wrap negative
        assertEquals("a Windows executable (MZ with a DOS stub)", ExecutableContent.kind(hostile, 512), "no exception, the stub still counts");
    }
}
