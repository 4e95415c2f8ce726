package org.hyakuyobako.rules;

/**
 * {@code byte_jump}: reads a length at an offset and moves the cursor past it.
 *
 * @param base 0 for binary, or 8, 10, 16 for numbers written as text
 */
public record ByteJumpOption(BufferRef buffer, int bytes, IntValue offset, boolean relative, int multiplier, boolean align,
                             boolean fromBeginning, boolean fromEnd, int postOffset, boolean littleEndian, int base, long bitmask)
        implements PayloadOption {
}
