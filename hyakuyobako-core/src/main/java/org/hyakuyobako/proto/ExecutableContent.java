package org.hyakuyobako.proto;

import java.nio.charset.StandardCharsets;

/**
 * Recognises code by its first bytes, whatever carried it (a raw TCP push, an FTP data connection,
 * a bind shell's echo): Windows PE, Linux ELF and scripts that start with an interpreter line.
 * Strict enough that random bytes and text rarely pass: "MZ" alone is not enough (it starts many
 * strings), the PE header or the DOS stub's words must be there too.
 */
public final class ExecutableContent {
    private static final byte[] DOS_STUB = "This program ".getBytes(StandardCharsets.US_ASCII);
    private static final String[] SHEBANGS = {"#!/bin/sh", "#!/bin/bash", "#!/usr/bin/env ", "#!/usr/bin/perl", "#!/usr/bin/python",
        "#!/bin/busybox"};

    private ExecutableContent() {
    }

    /** What kind of code the bytes start, in words ("a Windows executable (PE)"), or null when none. */
    public static String kind(byte[] b, int n) {
        if (n >= 64 && b[0] == 'M' && b[1] == 'Z') {
            int peOffset = (b[60] & 0xff) | (b[61] & 0xff) << 8 | (b[62] & 0xff) << 16 | (b[63] & 0xff) << 24;
            if (peOffset >= 64 && peOffset <= n - 4 && b[peOffset] == 'P' && b[peOffset + 1] == 'E' && b[peOffset + 2] == 0
                    && b[peOffset + 3] == 0) {
                return "a Windows executable (PE)";
            }
            if (indexOf(b, n, DOS_STUB) > 0) {
                return "a Windows executable (MZ with a DOS stub)";
            }
            return null;
        }
        if (n >= 20 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F' && (b[4] == 1 || b[4] == 2) && (b[5] == 1 || b[5] == 2)
                && b[6] == 1) {
            int type = b[5] == 1 ? (b[16] & 0xff) | (b[17] & 0xff) << 8 : (b[17] & 0xff) | (b[16] & 0xff) << 8;
            return type == 2 || type == 3 ? "a Linux executable (ELF)" : null;
        }
        if (n >= 9 && b[0] == '#' && b[1] == '!') {
            String head = new String(b, 0, Math.min(n, 32), StandardCharsets.ISO_8859_1);
            for (String s : SHEBANGS) {
                if (head.startsWith(s)) {
                    return "a script (" + head.substring(2).split("[\\s\\r\\n]", 2)[0] + ")";
                }
            }
        }
        return null;
    }

    private static int indexOf(byte[] b, int n, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= n; i++) {
            for (int k = 0; k < what.length; k++) {
                if (b[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
