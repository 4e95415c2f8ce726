package org.hyakuyobako.rules;

/**
 * A rule uses something this engine does not do (or does not do exactly): the rule is skipped
 * whole, never loaded half-right. The reason is short and stable so skips can be counted by it.
 */
public final class UnsupportedRuleException extends Exception {
    private final String reason;

    public UnsupportedRuleException(String reason) {
        this(reason, null);
    }

    public UnsupportedRuleException(String reason, String detail) {
        super(detail == null ? reason : reason + ": " + detail);
        this.reason = reason;
    }

    /** The reason without detail, to count skips by. */
    public String reason() {
        return reason;
    }
}
