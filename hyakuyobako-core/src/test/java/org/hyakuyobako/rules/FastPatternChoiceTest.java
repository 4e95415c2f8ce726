package org.hyakuyobako.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.hyakuyobako.net.HomeNet;
import org.junit.jupiter.api.Test;

/** Which content the prefilter looks for: the cheap one to find, never one the rule does not require. */
class FastPatternChoiceTest {
    private static String keyOf(String rule) {
        RuleSet set = new RuleSet();
        set.add("t.rules", rule, RuleVariables.defaults(HomeNet.privateRanges()));
        return new String(set.rules().get(0).fastPattern.pattern(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aLongExplicitFastPatternIsKept() {
        assertEquals("abcd", keyOf("alert tcp any any -> any any (content:\"abcd\"; fast_pattern; content:\"much longer\"; sid:1;)"));
    }

    @Test
    void aShortExplicitFastPatternGivesWayToALongerContent() {
        // ET 2022336 (DDoS.TF): "TF-" marked fast_pattern beside "Linux_".
        assertEquals("Linux_", keyOf("alert tcp any any -> any any (content:\"Linux_\"; offset:8; depth:6; "
                + "content:\"TF-\"; distance:58; within:3; fast_pattern; sid:1;)"));
    }

    @Test
    void aShortExplicitFastPatternIsKeptBesideAHeaderOfTwoByteValues() {
        // ET 2023677 (Tofsee DGA): the ten-byte DNS query header is in nearly every DNS packet.
        assertEquals("\u0007dq", keyOf("alert udp any any -> any 53 (content:\"|01 00 00 01 00 00 00 00 00 00|\"; depth:10; offset:2; "
                + "content:\"|07|dq\"; fast_pattern; distance:0; sid:1;)"));
    }

    @Test
    void stringsOfOneByteAreWeakerThanText() {
        // Suricata's pattern strength: eight zero bytes score 11, "evil" 12.
        assertEquals("evil", keyOf("alert tcp any any -> any any (content:\"|00 00 00 00 00 00 00 00|\"; content:\"evil\"; sid:1;)"));
        assertEquals(11, RuleClassifier.strength(new byte[8]));
        assertEquals(12, RuleClassifier.strength("evil".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void amongShortContentsOneAnchoredAtTheStartIsPreferred() {
        assertEquals("\u0016\u0003", keyOf("alert tcp any any -> any any (content:\"|16 03|\"; depth:2; content:\"|00 19|\"; distance:40; fast_pattern; sid:1;)"));
    }

    @Test
    void endBoundsFollowOffsetDepthAndStartsWith() {
        RuleSet set = new RuleSet();
        set.add("t.rules", """
                alert tcp any any -> any any (content:"ab"; offset:3; depth:4; sid:1;)
                alert tcp any any -> any any (content:"ab"; startswith; sid:2;)
                alert tcp any any -> any any (content:"x"; content:"ab"; distance:0; depth:9; sid:3;)
                alert tcp any any -> any any (content:"ab"; offset:3; sid:4;)
                """, RuleVariables.defaults(HomeNet.privateRanges()));
        assertEquals(7, set.rules().get(0).fastPattern.endBound());
        assertEquals(2, set.rules().get(1).fastPattern.endBound());
        assertEquals(-1, set.rules().get(2).fastPattern.endBound());
        assertEquals(-1, set.rules().get(3).fastPattern.endBound());
    }
}
