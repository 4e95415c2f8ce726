package org.hyakuyobako.action;

import java.time.Instant;
import org.hyakuyobako.net.DnsNames;

/**
 * The user's choices for an export.
 *
 * @param firstSid the first Suricata/Snort sid to use (default 9_200_000, in the local range)
 * @param lastSid the last sid the range allows; an export needing more fails instead of overlapping
 * @param sinkhole the address the DNS zones answer with, or null to answer NXDOMAIN
 * @param producer who made the export (the STIX identity, the MISP organisation, rule comments)
 * @param exportedAt the export's creation time (STIX created/modified, MISP timestamp)
 */
public record ExportSettings(long firstSid, long lastSid, String sinkhole, String producer, Instant exportedAt) {
    public static final long DEFAULT_FIRST_SID = 9_200_000;
    public static final long DEFAULT_LAST_SID = 9_299_999;
    public static final String DEFAULT_PRODUCER = "Hyakuyobako";

    public ExportSettings {
        if (firstSid < 1 || lastSid < firstSid) {
            throw new IllegalArgumentException("the sid range " + firstSid + "-" + lastSid + " is empty or negative");
        }
        if (sinkhole != null && !DnsNames.isAddressLiteral(sinkhole)) {
            throw new IllegalArgumentException("the sinkhole must be an IPv4 or IPv6 address, not '" + sinkhole + "'");
        }
    }

    public static ExportSettings defaults(Instant now) {
        return new ExportSettings(DEFAULT_FIRST_SID, DEFAULT_LAST_SID, null, DEFAULT_PRODUCER, now);
    }
}
