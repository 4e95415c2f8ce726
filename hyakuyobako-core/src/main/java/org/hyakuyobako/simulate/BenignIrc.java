package org.hyakuyobako.simulate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * People on IRC, the look-alike the IRC detectors must leave alone: a few monitored hosts connect to
 * a public server on 6667, join two busy channels whose member lists overlap, read other members'
 * lines, answer some of them after seconds of reading and typing, see members come and go, and answer
 * the server's PINGs at once (as every client program does). Its own random source keeps the rest of
 * a seed's traffic unchanged.
 */
final class BenignIrc {
    static final long SECOND = 1_000_000_000L;
    static final long MS = 1_000_000L;
    private static final String[] NICKS = {"alice", "bob_k", "carol", "dmitri", "emma", "fuji", "gregor", "hana", "ivan",
        "julia", "kenta", "lena", "mario", "nadia", "oscar", "paula", "quinn", "rosa", "sven", "tomoko", "ugo", "vera",
        "walt", "xiao", "yuki", "zoe", "arjun", "bea", "chen", "dora", "eli", "fatma", "gus", "hiro", "ines", "jon"};
    private static final String[] LINES = {"anyone tried the new kernel?", "works fine here", "did you check the logs?",
        "try restarting the service", "thanks, that fixed it", "which version are you on?", "lol", "good morning all",
        "brb", "the docs say otherwise", "same problem here since the update", "can you paste the error?"};

    private final Simulation sim;
    private final SplittableRandom random;
    private final int server;

    BenignIrc(Simulation sim, long seed, int server) {
        this.sim = sim;
        this.random = new SplittableRandom(seed * 31 + 5);
        this.server = server;
    }

    /** One person at a monitored host, on from {@code start} to the end of the capture. */
    void person(int host, int sensor, long start, int index) {
        Tcp tcp = new Tcp(sim, random, sensor, host, server, 20_000 + random.nextInt(40_000), 6667, (20 + random.nextInt(60)) * MS);
        String nick = NICKS[index % NICKS.length] + (index / NICKS.length == 0 ? "" : Integer.toString(index));
        long t = tcp.open(start);
        t = tcp.clientSends(t + 5 * MS, text("NICK " + nick + "\r\nUSER " + nick + " 0 * :" + nick + " from the office\r\n"));
        t = tcp.serverSends(t + 80 * MS, text(":irc.example.org 001 " + nick + " :Welcome to ExampleNet " + nick + "\r\n"));
        for (String channel : List.of("#linux", "#help")) {
            t = tcp.clientSends(t + (2 + random.nextInt(8)) * SECOND, text("JOIN " + channel + "\r\n"));
            t = tcp.serverSends(t + 60 * MS, text(":" + nick + "!u@office JOIN " + channel + "\r\n"
                    + ":irc.example.org 332 " + nick + " " + channel + " :Welcome to " + channel + ", be nice\r\n"
                    + ":irc.example.org 353 " + nick + " = " + channel + " :" + nick + " " + members(channel) + "\r\n"
                    + ":irc.example.org 366 " + nick + " " + channel + " :End of /NAMES list.\r\n"));
        }
        sim.wake(t + (5 + random.nextInt(60)) * SECOND, new Chatter(tcp, nick));
        sim.wake(t + 120 * SECOND, new Pinger(tcp));
    }

    /** Thirty of the people, overlapping between the two channels as on a real network. */
    private static String members(String channel) {
        List<String> names = new ArrayList<>();
        int from = channel.equals("#linux") ? 0 : 12;
        for (int i = from; i < from + 24; i++) {
            names.add((i % 7 == 0 ? "@" : "") + NICKS[i % NICKS.length]);
        }
        return String.join(" ", names);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Other members talk; now and then the person answers, after reading and typing. */
    private final class Chatter implements Simulation.Actor {
        final Tcp tcp;
        final String nick;

        Chatter(Tcp tcp, String nick) {
            this.tcp = tcp;
            this.nick = nick;
        }

        @Override
        public void wake(long now, Simulation s) {
            String channel = random.nextBoolean() ? "#linux" : "#help";
            String other = NICKS[random.nextInt(NICKS.length)];
            long t = tcp.serverSends(now, text(":" + other + "!x@host PRIVMSG " + channel + " :" + LINES[random.nextInt(LINES.length)]
                    + "\r\n"));
            double dice = random.nextDouble();
            if (dice < 0.3) {
                String answer = LINES[random.nextInt(LINES.length)];
                long typing = (1_500 + answer.length() * (150 + random.nextInt(250))) * MS;
                tcp.clientSends(t + typing + random.nextInt(20) * SECOND, text("PRIVMSG " + channel + " :" + answer + "\r\n"));
            } else if (dice < 0.35) {
                tcp.serverSends(t + SECOND, text(":" + other + "!x@host PART " + channel + " :bye\r\n"));
            } else if (dice < 0.4) {
                tcp.serverSends(t + SECOND, text(":" + other + "!x@host JOIN " + channel + "\r\n"));
            }
            s.wake(now + (long) (-Math.log(1 - random.nextDouble()) * 40 * SECOND) + 30 * SECOND, this);
        }
    }

    /** The server's keep-alive, answered by the client program within milliseconds. */
    private static final class Pinger implements Simulation.Actor {
        final Tcp tcp;

        Pinger(Tcp tcp) {
            this.tcp = tcp;
        }

        @Override
        public void wake(long now, Simulation s) {
            long t = tcp.serverSends(now, text("PING :irc.example.org\r\n"));
            tcp.clientSends(t + 40 * MS, text("PONG :irc.example.org\r\n"));
            s.wake(now + 120 * SECOND, this);
        }
    }
}
