package org.hyakuyobako.rules;

/**
 * {@code content} with its modifiers (nocase, offset, depth, distance, within, fast_pattern,
 * startswith, endswith, and the buffer it looks in). Filled by the parser while it reads the
 * modifiers that follow the content; not changed after the rule is built.
 */
public final class ContentOption implements PayloadOption {
    BufferRef buffer = BufferRef.PAYLOAD;
    final byte[] pattern;
    final boolean negated;
    boolean nocase;
    IntValue offset;
    IntValue depth;
    IntValue distance;
    IntValue within;
    boolean fastPattern;
    boolean startsWith;
    boolean endsWith;

    ContentOption(byte[] pattern, boolean negated) {
        this.pattern = pattern;
        this.negated = negated;
    }

    @Override
    public BufferRef buffer() {
        return buffer;
    }

    public byte[] pattern() {
        return pattern;
    }

    public boolean negated() {
        return negated;
    }

    public boolean nocase() {
        return nocase;
    }

    public IntValue offset() {
        return offset;
    }

    public IntValue depth() {
        return depth;
    }

    public IntValue distance() {
        return distance;
    }

    public IntValue within() {
        return within;
    }

    public boolean relative() {
        return distance != null || within != null;
    }

    /**
     * Where the content must end at the latest, counted from the start of its buffer, when that is
     * fixed (an absolute {@code depth} with a constant {@code offset}, or {@code startswith}); else -1.
     */
    public int endBound() {
        if (relative()) {
            return -1;
        }
        if (startsWith) {
            return pattern.length;
        }
        if (depth == null || depth.variable() != IntValue.NONE || offset != null && offset.variable() != IntValue.NONE) {
            return -1;
        }
        return (offset == null ? 0 : Math.max(0, offset.constant())) + Math.max(depth.constant(), pattern.length);
    }

    public boolean fastPattern() {
        return fastPattern;
    }

    public boolean startsWith() {
        return startsWith;
    }

    public boolean endsWith() {
        return endsWith;
    }
}
