package org.hyakuyobako.proto;

/** Application protocols recognised by content, with the names EVE's {@code app_proto} uses. */
public enum AppProtocol {
    IRC("irc"), HTTP("http"), SMTP("smtp"), FTP("ftp"), TLS("tls"), DNS("dns"), UNKNOWN("unknown");

    private final String eveName;

    AppProtocol(String eveName) {
        this.eveName = eveName;
    }

    public String eveName() {
        return eveName;
    }
}
