package org.hyakuyobako.rules;

/**
 * {@code byte_test}: reads {@code bytes} bytes (binary, or text in {@code base}) at an offset and
 * compares them with a value.
 *
 * @param operator one of {@code < > = & ^ <= >=}
 * @param base 0 for binary, or 8, 10, 16 for numbers written as text
 * @param bitmask applied to the value read before comparing, 0 for none
 */
public record ByteTestOption(BufferRef buffer, int bytes, String operator, boolean negated, IntValue value, IntValue offset,
                             boolean relative, boolean littleEndian, int base, long bitmask) implements PayloadOption {
}
