package org.hyakuyobako.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.event.CncEndpoint;
import org.hyakuyobako.event.CncEvent;
import org.hyakuyobako.event.Endpoints;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.GroupEvent;
import org.hyakuyobako.event.Timestamps;
import org.hyakuyobako.event.VerdictEvent;
import org.hyakuyobako.net.geo.PeerLocation;
import org.hyakuyobako.net.geo.PeerLocator;

/**
 * The store's tables for findings (docs/schema.md): evidence, verdicts with their methods, C&C
 * and evidence, C&C servers with their bots, and bot groups with their hosts and C&C; C&C servers
 * with their country and autonomous system. One row per
 * list element rather than list columns, so a user joins and counts with plain SQL.
 */
final class FindingTables {
    private final CsvBatch evidence;
    private final CsvBatch verdicts;
    private final CsvBatch verdictMethods;
    private final CsvBatch verdictCnc;
    private final CsvBatch verdictEvidence;
    private final CsvBatch cnc;
    private final CsvBatch cncBots;
    private final CsvBatch groupHosts;
    private final CsvBatch groupCnc;
    private final List<CsvBatch> all;

    private final PeerLocator peers;

    FindingTables(Path dir, PeerLocator peers) {
        this.peers = peers;
        evidence = new CsvBatch(dir.resolve(".hyakuyobako-evidence.csv"), "evidence");
        verdicts = new CsvBatch(dir.resolve(".hyakuyobako-verdict.csv"), "verdict");
        verdictMethods = new CsvBatch(dir.resolve(".hyakuyobako-verdict-method.csv"), "verdict_method");
        verdictCnc = new CsvBatch(dir.resolve(".hyakuyobako-verdict-cnc.csv"), "verdict_cnc");
        verdictEvidence = new CsvBatch(dir.resolve(".hyakuyobako-verdict-evidence.csv"), "verdict_evidence");
        cnc = new CsvBatch(dir.resolve(".hyakuyobako-cnc.csv"), "cnc");
        cncBots = new CsvBatch(dir.resolve(".hyakuyobako-cnc-bot.csv"), "cnc_bot");
        groupHosts = new CsvBatch(dir.resolve(".hyakuyobako-group-host.csv"), "group_host");
        groupCnc = new CsvBatch(dir.resolve(".hyakuyobako-group-cnc.csv"), "group_cnc");
        all = List.of(evidence, verdicts, verdictMethods, verdictCnc, verdictEvidence, cnc, cncBots, groupHosts, groupCnc);
    }

    /** Writes the event if it is a finding; false for every other event type. */
    boolean accept(Event event) throws IOException {
        if (event instanceof EvidenceEvent e) {
            evidence.text(Timestamps.sql(e.timestampNanos())).text(Timestamps.sql(e.endNanos())).text(e.host()).text(e.peer())
                    .text(e.method()).number(e.score()).text(e.summary()).text(JsonText.array(e.references())).endRow();
        } else if (event instanceof VerdictEvent v) {
            verdict(v);
        } else if (event instanceof CncEvent c) {
            CncEndpoint at = c.cnc();
            cnc.text(at.ip()).number(at.port()).text(at.proto()).text(Timestamps.sql(c.timestampNanos())).number(c.score())
                    .number(c.bots().size()).text(String.join("; ", c.evidence()));
            location(cnc, peers.locate(at.ip())).endRow();
            for (String bot : c.bots()) {
                cncBots.text(at.ip()).number(at.port()).text(bot).endRow();
            }
        } else if (event instanceof GroupEvent g) {
            for (String host : g.hosts()) {
                groupHosts.text(g.id()).text(host).endRow();
            }
            for (CncEndpoint at : g.cnc()) {
                groupCnc.text(g.id()).text(at.ip()).number(at.port()).text(at.proto()).endRow();
            }
        } else {
            return false;
        }
        return true;
    }

    private void verdict(VerdictEvent v) throws IOException {
        verdicts.text(v.host()).text(v.verdict()).number(v.score()).text(Timestamps.sql(v.firstNanos()))
                .text(Timestamps.sql(v.timestampNanos())).text(String.join(",", v.stages()))
                .text(String.join(",", v.groups())).number(v.evidenceItems()).text(v.explanation()).endRow();
        for (Map.Entry<String, Double> m : v.methods().entrySet()) {
            verdictMethods.text(v.host()).text(m.getKey()).number(m.getValue()).endRow();
        }
        for (String c : v.cnc()) {
            verdictCnc.text(v.host()).text(c);
            location(verdictCnc, peers.locate(Endpoints.address(c))).endRow();
        }
        int rank = 1;
        for (VerdictEvent.Item i : v.evidence()) {
            verdictEvidence.text(v.host()).number(rank++).text(i.method()).text(i.peer()).number(i.score()).number(i.weighted())
                    .number(i.count()).text(Timestamps.sql(i.firstNanos())).text(Timestamps.sql(i.lastNanos()))
                    .text(i.summary()).text(JsonText.array(i.references())).endRow();
        }
    }

    /** Country, AS number and AS name (NULLs when unknown). */
    private static CsvBatch location(CsvBatch b, PeerLocation l) throws IOException {
        if (l == null) {
            return b.text(null).text(null).text(null);
        }
        return b.text(l.countryIsoCode()).numberOrNull(Integer.toUnsignedLong(l.asn())).text(l.asOrganization());
    }

    /** Every staging batch, for the store to load and discard with its own. */
    List<CsvBatch> batches() {
        return all;
    }
}
