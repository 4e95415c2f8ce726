package org.hyakuyobako.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * How far we agree with one peer (Suricata, Zeek, nDPI) over its own test files: cases (a case
 * agrees when every compared field does) and fields, with the disagreements named, printed into
 * the test output so the numbers are seen on every run.
 */
public final class PeerAgreement {
    private final String peer;
    private int cases;
    private int casesAgreeing;
    private int fields;
    private int fieldsAgreeing;
    private final List<String> disagreements = new ArrayList<>();

    public PeerAgreement(String peer) {
        this.peer = peer;
    }

    /** One case: {@code agreeing} of {@code compared} fields agree; {@code why} names what differs when not all do. */
    public void add(String caseName, int compared, int agreeing, String why) {
        add(caseName, compared > 0 && agreeing == compared, compared, agreeing, why);
    }

    /** One case whose agreement is decided by the peer's own rule (suricata-verify: every check passes). */
    public void add(String caseName, boolean agrees, int compared, int agreeing, String why) {
        cases++;
        fields += compared;
        fieldsAgreeing += agreeing;
        if (agrees) {
            casesAgreeing++;
        } else {
            disagreements.add(caseName + ": " + why);
        }
    }

    public int cases() {
        return cases;
    }

    public int casesAgreeing() {
        return casesAgreeing;
    }

    public int fields() {
        return fields;
    }

    public int fieldsAgreeing() {
        return fieldsAgreeing;
    }

    public List<String> disagreements() {
        return disagreements;
    }

    /** Prints the summary line and each disagreement, and returns the summary. */
    public String print() {
        String summary = String.format("%s agreement: %d/%d cases, %d/%d fields", peer, casesAgreeing, cases, fieldsAgreeing, fields);
        System.out.println(summary);
        disagreements.forEach(d -> System.out.println("  differs: " + d));
        return summary;
    }
}
