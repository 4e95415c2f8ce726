package org.hyakuyobako.detect.signature;

/**
 * Bytes seen as characters 0–255 for RE2J, without copying: a pattern's {@code \xNN} then matches
 * the byte NN whatever the payload's encoding.
 */
final class Latin1Chars implements CharSequence {
    private final byte[] bytes;
    private final int from;
    private final int to;

    Latin1Chars(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
    }

    @Override
    public int length() {
        return to - from;
    }

    @Override
    public char charAt(int index) {
        return (char) (bytes[from + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new Latin1Chars(bytes, from + start, from + end);
    }

    @Override
    public String toString() {
        return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
