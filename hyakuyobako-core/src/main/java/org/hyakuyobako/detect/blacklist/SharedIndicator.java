package org.hyakuyobako.detect.blacklist;

/**
 * One indicator read from shared intelligence (a STIX bundle, a MISP event), before it goes into
 * the blacklist tables.
 *
 * @param kind what the value is
 * @param value an address or prefix, a host name, or a URL, as the file gave it
 * @param port the endpoint's port when the file named one, else 0 (the tables match addresses)
 * @param category "cnc" for command and control, else "malware"
 * @param confidence 0-1, the evidence weight a match gives
 * @param source the file's name
 * @param ref the object in the file: a STIX id or a MISP attribute uuid
 */
public record SharedIndicator(Kind kind, String value, int port, String category, double confidence, String source, String ref) {
    public enum Kind {
        ADDRESS, DOMAIN, URL
    }
}
