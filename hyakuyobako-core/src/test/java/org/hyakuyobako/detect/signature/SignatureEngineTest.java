package org.hyakuyobako.detect.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.decode.IpAddresses;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.rules.Buffer;
import org.hyakuyobako.rules.Rule;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;
import org.hyakuyobako.rules.Slot;
import org.junit.jupiter.api.Test;

/** Options one by one on crafted payloads, straight on the engine. */
class SignatureEngineTest {
    static SignatureEngine engine(String rules) {
        RuleSet set = new RuleSet();
        set.add("test.rules", rules, RuleVariables.defaults(HomeNet.privateRanges()));
        assertTrue(set.skipped().isEmpty(), set.skipped().toString());
        return new SignatureEngine(set.rules());
    }

    static Inspection udp(byte[] payload, long t) {
        Inspection in = new Inspection();
        in.reset(Slot.PACKET);
        in.ipProtocol = 17;
        between(in, "10.0.0.5", "198.51.100.7");
        in.srcPort = 40000;
        in.dstPort = 53;
        in.toServer = true;
        in.flowId = 1;
        in.timestampNanos = t;
        in.dsize = payload.length;
        in.set(Buffer.PAYLOAD, payload);
        return in;
    }

    /** Sets the inspection's source and destination addresses. */
    static Inspection between(Inspection in, String src, String dst) {
        long[] s = IpAddresses.parse(src);
        long[] d = IpAddresses.parse(dst);
        in.srcHi = s[0];
        in.srcLo = s[1];
        in.dstHi = d[0];
        in.dstLo = d[1];
        return in;
    }

    static List<Long> sids(SignatureEngine e, Inspection in) {
        List<Long> out = new ArrayList<>();
        e.inspect(in, true, (Rule r) -> out.add(r.sid));
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void contentPositions() {
        SignatureEngine e = engine("""
                alert udp any any -> any any (msg:"offset depth"; content:"BC"; offset:1; depth:2; sid:1;)
                alert udp any any -> any any (msg:"too deep"; content:"DE"; depth:4; sid:2;)
                alert udp any any -> any any (msg:"distance within"; content:"A"; content:"D"; distance:2; within:1; sid:3;)
                alert udp any any -> any any (msg:"within fails"; content:"A"; content:"E"; distance:0; within:3; sid:4;)
                alert udp any any -> any any (msg:"nocase hex"; content:"|61 62|c"; nocase; sid:5;)
                alert udp any any -> any any (msg:"negated"; content:"ABC"; content:!"XYZ"; sid:6;)
                alert udp any any -> any any (msg:"negated hit"; content:"ABC"; content:!"EF"; sid:7;)
                alert udp any any -> any any (msg:"retry an earlier occurrence"; content:"A"; content:"Q"; distance:0; within:1; sid:8;)
                alert udp any any -> any any (msg:"escaped quote and semicolon"; content:"x\\"y\\;z"; sid:9;)
                alert udp any any -> any any (msg:"startswith"; content:"ABC"; startswith; sid:10;)
                alert udp any any -> any any (msg:"endswith"; content:"AQ"; endswith; sid:11;)
                """);
        assertEquals(List.of(1L, 3L, 5L, 6L, 8L, 10L, 11L), sids(e, udp(bytes("ABCDEFAQ"), 0)));
        assertEquals(List.of(9L), sids(e, udp(bytes("..x\"y;z.."), 0)));
    }

    /** Ports of one list hold the same rules: one group is built for all of them, and each still matches only its own. */
    @Test
    void portsWithTheSameRulesShareOneGroup() {
        SignatureEngine e = engine("""
                alert udp any any -> any [5353,5354,5355] (msg:"listed"; content:"ABC"; sid:1;)
                alert udp any any -> any 5356 (msg:"own"; content:"ABC"; sid:2;)
                """);
        for (int port : new int[] {5353, 5354, 5355}) {
            Inspection in = udp(bytes("xABCx"), port);
            in.dstPort = port;
            assertEquals(List.of(1L), sids(e, in), "port " + port);
        }
        assertEquals(1L, e.counters().get("signature.rule_groups_built"), "one build for the three listed ports");
        Inspection own = udp(bytes("xABCx"), 9);
        own.dstPort = 5356;
        assertEquals(List.of(2L), sids(e, own));
        assertEquals(2L, e.counters().get("signature.rule_groups_built"), "a port with other rules gets its own");
    }

    /**
     * The compiled rules (groups and prefilters) of a rule set are built once in a process: an
     * engine made after another was released reuses them and builds no group for traffic already
     * seen, while engines at the same time each have their own, and a change to the rules starts over.
     */
    @Test
    void compiledRulesAreReusedAcrossAnalysesUntilTheRulesChange() {
        RuleSet set = new RuleSet();
        RuleVariables vars = RuleVariables.defaults(HomeNet.privateRanges());
        set.add("test.rules", """
                alert udp any any -> any 53 (msg:"a"; content:"ABC"; sid:1;)
                """, vars);
        SignatureEngine first = SignatureEngine.of(set, HomeNet.privateRanges());
        assertEquals(List.of(1L), sids(first, udp(bytes("xABCx"), 0)));
        assertEquals(1L, first.counters().get("signature.rule_groups_built"));
        SignatureEngine meanwhile = SignatureEngine.of(set, HomeNet.privateRanges());
        assertEquals(List.of(1L), sids(meanwhile, udp(bytes("xABCx"), 0)));
        assertEquals(1L, meanwhile.counters().get("signature.rule_groups_built"), "in use by the first: built again");
        first.release();
        meanwhile.release();
        SignatureEngine next = SignatureEngine.of(set, HomeNet.privateRanges());
        assertEquals(List.of(1L), sids(next, udp(bytes("xABCx"), 0)));
        assertEquals(0L, next.counters().get("signature.rule_groups_built"), "handed back: nothing to build");
        next.release();
        SignatureEngine otherHome = SignatureEngine.of(set, HomeNet.parse("198.51.100.0/24"));
        assertEquals(List.of(1L), sids(otherHome, udp(bytes("xABCx"), 0)));
        assertEquals(1L, otherHome.counters().get("signature.rule_groups_built"), "split by another home net: its own");
        set.add("more.rules", """
                alert udp any any -> any 53 (msg:"b"; content:"XYZ"; sid:2;)
                """, vars);
        SignatureEngine changed = SignatureEngine.of(set, HomeNet.privateRanges());
        assertEquals(List.of(2L), sids(changed, udp(bytes("xXYZx"), 0)), "the new rule is there");
        assertEquals(1L, changed.counters().get("signature.rule_groups_built"));
    }

    /**
     * Groups are split by which sides are in the home net: a rule for traffic leaving it is not even
     * a candidate on traffic coming in, and still matches going out; a bidirectional rule and a rule
     * for any address meet both.
     */
    @Test
    void rulesMeetOnlyTrafficTheirAddressesCanMatch() {
        RuleSet set = new RuleSet();
        set.add("test.rules", """
                alert udp $HOME_NET any -> $EXTERNAL_NET any (msg:"out"; content:"ABC"; sid:1;)
                alert udp $HOME_NET any <> $EXTERNAL_NET any (msg:"either way"; content:"ABC"; sid:2;)
                alert udp any any -> any any (msg:"anywhere"; content:"ABC"; sid:3;)
                alert udp [!$HOME_NET,!198.51.100.0/24] any -> any any (msg:"from neither"; content:"ABC"; sid:4;)
                """, RuleVariables.defaults(HomeNet.privateRanges()));
        SignatureEngine e = new SignatureEngine(set.rules(), HomeNet.privateRanges());
        Inspection out = udp(bytes("xABCx"), 0);
        assertEquals(List.of(1L, 2L, 3L), sids(e, out), "10.0.0.5 to 198.51.100.7");
        Inspection in = between(udp(bytes("xABCx"), 0), "198.51.100.7", "10.0.0.5");
        long before = e.counters().get("signature.candidates");
        assertEquals(List.of(2L, 3L), sids(e, in), "198.51.100.7 to 10.0.0.5");
        assertEquals(3L, e.counters().get("signature.candidates") - before, "the outbound-only rule is not a candidate (2, 3, 4 are)");
        Inspection third = between(udp(bytes("xABCx"), 0), "203.0.113.1", "198.51.100.7");
        assertEquals(List.of(3L, 4L), sids(e, third), "203.0.113.1 to 198.51.100.7, both outside");
    }

    /** A pattern-less rule for one port (ET's SYN-to-445 scan rules) is looked at only on that port. */
    @Test
    void patternLessPortRulesAreCandidatesOnlyOnTheirPorts() {
        SignatureEngine e = engine("""
                alert tcp $HOME_NET any -> any 445 (msg:"syn to 445"; flow:to_server; flags:S; sid:1;)
                """);
        Inspection syn = udp(new byte[0], 0);
        syn.ipProtocol = 6;
        syn.tcpFlags = 0x02;
        syn.dstPort = 80;
        assertEquals(List.of(), sids(e, syn));
        assertEquals(0L, e.counters().get("signature.candidates"), "not even a candidate on port 80");
        syn.dstPort = 445;
        assertEquals(List.of(1L), sids(e, syn));
    }

    /**
     * A {@code dns} rule for any port meets TCP only where DNS can be: port 53 on either side, or a
     * connection identified as DNS; elsewhere it is not even a candidate (it is left out of the TCP
     * groups), while over UDP it stays for any port, as before.
     */
    @Test
    void dnsRulesForAnyPortMeetTcpOnlyOnPort53OrIdentifiedDns() {
        SignatureEngine e = engine("""
                alert dns any any -> any any (msg:"dns payload"; content:"evildomain"; nocase; sid:1;)
                """);
        Inspection in = udp(bytes("..EvilDomain.."), 0);
        in.ipProtocol = 6;
        in.dstPort = 8080;
        assertEquals(List.of(), sids(e, in));
        assertEquals(0L, e.counters().get("signature.candidates"), "not a candidate on TCP port 8080");
        in.dstPort = 53;
        assertEquals(List.of(1L), sids(e, in), "server port 53");
        in.dstPort = 8080;
        in.srcPort = 53;
        assertEquals(List.of(1L), sids(e, in), "client port 53");
        in.srcPort = 40000;
        in.appProto = "dns";
        assertEquals(List.of(1L), sids(e, in), "identified as DNS on another port");
        Inspection overUdp = udp(bytes("..EvilDomain.."), 0);
        overUdp.dstPort = 5353;
        overUdp.appProto = "dns";
        assertEquals(List.of(1L), sids(e, overUdp), "UDP, any port the flow was identified as DNS on");
    }

    @Test
    void byteOperationsAndIsDataAt() {
        SignatureEngine e = engine("""
                alert udp any any -> any any (byte_test:2,>,4,0; sid:1;)
                alert udp any any -> any any (byte_test:2,=,4,0; sid:2;)
                alert udp any any -> any any (byte_jump:2,0; content:"X"; within:1; sid:3;)
                alert udp any any -> any any (byte_extract:2,0,len; content:"X"; distance:len; within:1; isdataat:!1,relative; sid:4;)
                alert udp any any -> any any (content:"hello"; isdataat:2,relative; sid:5;)
                alert udp any any -> any any (byte_test:1,&,0x80,0,relative; sid:6;)
                alert udp any any -> any any (content:"hel"; byte_test:2,=,10,0,relative,string,dec; sid:7;)
                alert udp any any -> any any (dsize:8; sid:8;)
                alert udp any any -> any any (dsize:>100; sid:9;)
                """);
        byte[] p = {0x00, 0x05, 'h', 'e', 'l', 'l', 'o', 'X'};
        assertEquals(List.of(1L, 3L, 4L, 8L), sids(e, udp(p, 0)));
        assertEquals(List.of(7L), sids(e, udp(bytes("hel10a"), 0)).stream().filter(s -> s == 7).toList());
    }

    @Test
    void aBacktrackingBombFinishesAndDoesNotMatch() {
        SignatureEngine e = engine("""
                alert udp any any -> any any (msg:"catastrophic in a backtracking engine"; pcre:"/(a+)+$/"; sid:1;)
                alert udp any any -> any any (msg:"relative pcre"; content:"GET"; pcre:"/^\\s+\\/x/R"; sid:2;)
                """);
        byte[] bomb = bytes("a".repeat(50_000) + "!");
        // RE2 is linear: a backtracking engine needs about 2^50000 steps here. The bound only guards against a hang.
        List<Long> hits = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> sids(e, udp(bomb, 0)));
        assertEquals(List.of(), hits);
        assertEquals(List.of(2L), sids(e, udp(bytes("GET  /x HTTP"), 0)));
        assertEquals(List.of(), sids(e, udp(bytes("GET /y /x"), 0)));
    }

    @Test
    void thresholdsCountOnPacketTime() {
        SignatureEngine e = engine("""
                alert udp any any -> any any (content:"ping"; threshold:type limit, track by_src, count 1, seconds 60; sid:1;)
                alert udp any any -> any any (content:"ping"; detection_filter:track by_src, count 2, seconds 60; sid:2;)
                alert udp any any -> any any (content:"ping"; threshold:type both, track by_dst, count 3, seconds 60; sid:3;)
                """);
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.addAll(sids(e, udp(bytes("ping"), i * 1_000_000_000L)));
        }
        assertEquals(List.of(1L, 2L, 3L, 2L), all);
        assertEquals(List.of(1L), sids(e, udp(bytes("ping"), 120_000_000_000L)), "a new window after 60 s");
    }

    @Test
    void headersAddressesAndPorts() {
        SignatureEngine e = engine("""
                alert udp $HOME_NET any -> $EXTERNAL_NET 53 (sid:1;)
                alert udp $EXTERNAL_NET any -> $HOME_NET any (sid:2;)
                alert udp any any <> [198.51.100.0/24,!198.51.100.7] any (sid:3;)
                alert udp any any -> any [1:52,54:] (sid:4;)
                alert udp any any -> any ![53,80] (sid:5;)
                alert tcp any any -> any any (sid:6;)
                alert ip 198.51.100.7 any <> any any (sid:7;)
                """);
        assertEquals(List.of(1L, 7L), sids(e, udp(new byte[0], 0)));
    }

    @Test
    void parserRefusesWhatItCannotMatchExactlyAndSaysWhy() {
        RuleSet set = new RuleSet();
        set.add("t.rules", """
                alert http any any -> any any (msg:"look-ahead"; content:"x"; http_uri; pcre:"/a(?=b)/U"; sid:1;)
                alert tcp any any -> any any (msg:"unknown"; content:"x"; frobnicate:3; sid:2;)
                alert tcp any any -> any any (msg:"no sid"; content:"x";)
                pass tcp any any -> any any (msg:"pass"; sid:4;)
                alert tcp any any -> any any (msg:"ok \\; with semicolon"; content:"a|3B|b"; sid:5;)
                alert tcp $NOPE any -> any any (msg:"unknown var"; sid:6;)
                alert tcp any any -> any any (msg:"continued"; \\
                  content:"x"; sid:7;)
                """, RuleVariables.defaults(HomeNet.privateRanges()));
        assertEquals(List.of(5L, 7L), set.rules().stream().map(r -> r.sid).toList());
        assertEquals("ok ; with semicolon", set.rules().get(0).msg);
        assertEquals(List.of("pcre look-ahead (RE2 has none)", "unsupported keyword frobnicate", "no sid", "pass action",
                "unknown address variable"), set.skipped().stream().map(RuleSet.Skipped::reason).toList());
        assertEquals(List.of(1L, 2L, -1L, 4L, 6L), set.skipped().stream().map(RuleSet.Skipped::sid).toList());
    }
}
