package org.hyakuyobako.source;

/**
 * Why bytes or packets of an input were not used. Stable snake_case names, as Zeek's weirds, so
 * users can grep summaries and scripts can count them.
 */
public enum SkipReason {
    /** The file is not a pcap, pcapng or other recognised capture or log. */
    NOT_A_CAPTURE("not_a_capture"),
    /** The file could not be opened or read (permissions, I/O error, broken gzip stream). */
    UNREADABLE("unreadable_file"),
    /** The file holds no bytes, or only a header. */
    EMPTY_FILE("empty_file"),
    /** The file ends inside a record header or record body. */
    TRUNCATED_RECORD("truncated_record"),
    /** A record whose captured length exceeds the snapshot length (accepted, counted). */
    CAPLEN_OVER_SNAPLEN("caplen_over_snaplen"),
    /** A record header whose lengths are impossible; bytes are skipped until records make sense again. */
    BAD_RECORD_HEADER("bad_record_header"),
    /** Bytes skipped while looking for the next valid record after damage. */
    RESYNC_SKIPPED_BYTES("resync_skipped_bytes"),
    /** A pcapng block with an impossible length or mismatched trailing length. */
    BAD_BLOCK("bad_pcapng_block"),
    /** A pcapng packet that names an interface that was never described. */
    UNKNOWN_INTERFACE("unknown_interface"),
    /** A link type we do not decode (packets counted, not analysed). */
    UNSUPPORTED_LINK_TYPE("unsupported_link_type"),
    /** The packet is shorter than the headers it claims. */
    TRUNCATED_PACKET("truncated_packet"),
    /** An IP header that is not valid (bad version, header length, total length). */
    BAD_IP_HEADER("bad_ip_header"),
    /** An IPv4 header checksum that does not verify (accepted, counted). */
    BAD_IP_CHECKSUM("bad_ip_checksum"),
    /** A TCP or UDP checksum that does not verify (accepted, counted). */
    BAD_L4_CHECKSUM("bad_l4_checksum"),
    /** A TCP header whose data offset is impossible. */
    BAD_TCP_HEADER("bad_tcp_header"),
    /** Not IP (ARP, LLC, other ethertypes): counted, not analysed as flows. */
    NON_IP("non_ip"),
    /** An IP fragment that is buffered for reassembly (not a loss by itself). */
    IP_FRAGMENT("ip_fragment"),
    /** Fragments dropped: reassembly timed out, overflowed its limits or was inconsistent. */
    FRAGMENT_DROPPED("ip_fragment_dropped"),
    /** A flow removed before its end because the flow table was full. */
    FLOW_EVICTED("flow_evicted"),
    /** A line of a flow file or firewall log that is not a record of its format (reported with its line). */
    BAD_LOG_LINE("bad_log_line"),
    /** A firewall message whose id is not read (counted; the ids are in the run's counters). */
    UNSUPPORTED_LOG_MESSAGE("unsupported_log_message"),
    /** A record from a live listener that found the analysis queue full (the sender outran the analysis). */
    LIVE_RECORD_DROPPED("live_record_dropped");

    private final String key;

    SkipReason(String key) {
        this.key = key;
    }

    /** The stable snake_case name used in summaries and eve.json stats. */
    public String key() {
        return key;
    }

    /** Whether this reason is a loss (packets or bytes not analysed) rather than a tolerated oddity. */
    public boolean isLoss() {
        return switch (this) {
            case CAPLEN_OVER_SNAPLEN, BAD_IP_CHECKSUM, BAD_L4_CHECKSUM, IP_FRAGMENT -> false;
            default -> true;
        };
    }
}
