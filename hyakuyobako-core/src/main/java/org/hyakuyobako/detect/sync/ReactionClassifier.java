package org.hyakuyobako.detect.sync;

import java.util.Arrays;
import java.util.Set;
import org.hyakuyobako.decode.IpAddresses;

/**
 * Judges what a host's burst of new connections was ({@link ReactionKind}), once their outcome is
 * known. Only what the host itself did counts: which nodes it reached, on which ports, whether they
 * answered, how much came back, and how many other monitored hosts ever contact those nodes.
 * Targets reached only on infrastructure ports (a DNS look-up before a spam run) mark the onset but
 * are no target of a sweep; flooded, they are a flood's victim like any other.
 */
final class ReactionClassifier {
    static final int MIN_SCAN_TARGETS = 3;
    /** A sweep reaching this many nodes is a scan whatever answered (a live /24 answers a lot). */
    static final int MANY_TARGETS = 10;
    static final double MIN_UNANSWERED_SHARE = 0.5;
    /** Consecutive addresses that make a sequential sweep (MSBlaster's fourth octet counting up). */
    static final int SEQUENTIAL_RUN = 3;
    static final int MIN_MAIL_SERVERS = 2;
    static final Set<Integer> MAIL_PORTS = Set.of(25, 465, 587);
    static final int FLOOD_PACKETS = 100;
    static final int FLOOD_CONNECTIONS = 50;
    /** A flood gets (almost) nothing back; more than this back is an exchange, not a flood. */
    static final long FLOOD_ANSWER_BYTES = 1_000;
    /** A UDP record from a log carries bytes (both ways together) but no packet count: this much is a flood. */
    static final long FLOOD_BYTES = 50_000;
    static final long DOWNLOAD_BYTES = 10_000;
    static final int MIN_RARE_FAN_OUT = 3;
    /** A node at most this many hosts contact is rare... */
    static final int RARE_HOSTS = 3;
    /** ...or at most this share of the monitored population, in large populations. */
    static final double RARE_SHARE = 0.1;

    private final NodePopularity popularity;
    private final Set<Integer> infrastructurePorts;
    private final int rareLimit;

    ReactionClassifier(NodePopularity popularity, Set<Integer> infrastructurePorts, int population) {
        this.popularity = popularity;
        this.infrastructurePorts = infrastructurePorts;
        this.rareLimit = Math.max(RARE_HOSTS, (int) (RARE_SHARE * population));
    }

    ReactionKind classify(Reaction r) {
        int probed = 0;
        int unanswered = 0;
        int mail = 0;
        int rare = 0;
        boolean flood = false;
        boolean download = false;
        long[] v4 = new long[r.targets.size()];
        int nv4 = 0;
        for (Reaction.Target t : r.targets.values()) {
            // Many connections most of which went unanswered (a SYN flood; a crawler's answered
            // connections are none), or many packets that got (almost) nothing back, or a log's UDP
            // record of many bytes to a node few hosts use (a QUIC page load is to a popular one).
            boolean flooded = t.connections >= FLOOD_CONNECTIONS && 2 * t.answered < t.connections
                    || t.packetsOut >= FLOOD_PACKETS && t.bytesIn < FLOOD_ANSWER_BYTES
                    || t.udp && t.bytesUnsplit >= FLOOD_BYTES && popularity.hosts(t.hi, t.lo) <= rareLimit;
            t.flooded = flooded;
            flood |= flooded;
            if (infrastructurePorts.containsAll(t.ports)) {
                continue;       // a look-up before the run, or a flood of a DNS port (counted above)
            }
            probed++;
            if (t.answered == 0) {
                unanswered++;
            }
            if (t.ports.stream().anyMatch(MAIL_PORTS::contains)) {
                mail++;
            }
            boolean isRare = popularity.hosts(t.hi, t.lo) <= rareLimit;
            if (isRare) {
                rare++;
            }
            boolean downloaded = isRare && (t.bytesIn >= DOWNLOAD_BYTES || !t.udp && t.bytesUnsplit >= DOWNLOAD_BYTES);
            download |= downloaded;
            t.downloaded = downloaded;
            if (IpAddresses.isV4(t.hi, t.lo)) {
                v4[nv4++] = t.lo & 0xFFFF_FFFFL;
            }
        }
        probed += r.targetsOmitted;
        if (flood) {
            return ReactionKind.FLOOD;
        }
        if (mail >= MIN_MAIL_SERVERS) {
            return ReactionKind.SPAM;
        }
        if (probed >= MANY_TARGETS || probed >= MIN_SCAN_TARGETS
                && (unanswered >= MIN_UNANSWERED_SHARE * probed || sequential(Arrays.copyOf(v4, nv4)))) {
            return ReactionKind.SCAN;
        }
        if (download) {
            return ReactionKind.DOWNLOAD;
        }
        if (rare >= MIN_RARE_FAN_OUT) {
            return ReactionKind.FANOUT;
        }
        return null;
    }

    /** Whether the addresses hold a run of {@link #SEQUENTIAL_RUN} consecutive ones. */
    static boolean sequential(long[] addresses) {
        Arrays.sort(addresses);
        int run = 1;
        for (int i = 1; i < addresses.length; i++) {
            if (addresses[i] == addresses[i - 1] + 1) {
                if (++run >= SEQUENTIAL_RUN) {
                    return true;
                }
            } else if (addresses[i] != addresses[i - 1]) {
                run = 1;
            }
        }
        return false;
    }
}
