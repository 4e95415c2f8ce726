package org.hyakuyobako.rules;

/**
 * {@code byte_extract}: reads a number into variable {@code variable} for later options' offsets,
 * depths and values.
 */
public record ByteExtractOption(BufferRef buffer, int bytes, int offset, int variable, boolean relative, int multiplier,
                                boolean littleEndian, int base, int align) implements PayloadOption {
}
