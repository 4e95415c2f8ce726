package org.hyakuyobako.rules;

/**
 * An option that inspects the bytes of one buffer and can move the detection cursor (content,
 * pcre, byte_test, byte_jump, byte_extract, isdataat), evaluated in rule order per buffer.
 */
public sealed interface PayloadOption
        permits ContentOption, PcreOption, ByteTestOption, ByteJumpOption, ByteExtractOption, IsDataAtOption {
    BufferRef buffer();
}
