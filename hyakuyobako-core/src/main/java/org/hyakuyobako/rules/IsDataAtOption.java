package org.hyakuyobako.rules;

/** {@code isdataat}: there are (or with {@code !} there are not) bytes at an offset. */
public record IsDataAtOption(BufferRef buffer, IntValue offset, boolean relative, boolean negated) implements PayloadOption {
}
