package org.hyakuyobako.rules;

/**
 * A number in a rule option, or the name of a {@code byte_extract} variable whose value is taken
 * at match time (Snort's {@code within:len} after {@code byte_extract:1,0,len}).
 */
public record IntValue(int constant, int variable) {
    public static final int NONE = -1;

    public static IntValue of(int constant) {
        return new IntValue(constant, NONE);
    }

    public int resolve(long[] vars) {
        return variable == NONE ? constant : (int) vars[variable];
    }
}
