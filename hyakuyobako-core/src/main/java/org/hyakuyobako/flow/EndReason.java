package org.hyakuyobako.flow;

/** Why a flow record was written, as Suricata's flow {@code reason} field names it. */
public enum EndReason {
    /** No packet for longer than the protocol's idle timeout. */
    TIMEOUT("timeout"),
    /** The connection closed (FIN both ways, or RST) and its linger time passed, or it was reused. */
    CLOSED("closed"),
    /** A long-lived flow reached the active timeout: this record covers one slice of it. */
    ACTIVE_TIMEOUT("active_timeout"),
    /** The flow table was full and this was its least recently seen flow. */
    EVICTED("forced"),
    /** The input ended with the flow still open. */
    SHUTDOWN("shutdown");

    private final String eveName;

    EndReason(String eveName) {
        this.eveName = eveName;
    }

    public String eveName() {
        return eveName;
    }
}
