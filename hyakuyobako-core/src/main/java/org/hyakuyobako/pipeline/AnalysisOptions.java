package org.hyakuyobako.pipeline;

import java.util.List;
import org.hyakuyobako.flow.FlowConfig;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.HomeNet;

/**
 * Settings of one analysis run.
 *
 * @param homeNet the monitored hosts
 * @param tolerancesSeconds synchronized-activity windows (seed 002: 1 s and 10 s)
 * @param flows flow table limits and timeouts
 * @param verifyChecksums verify IP/TCP/UDP checksums (bad ones are counted, never dropped)
 * @param darknet unassigned address space: any probe into it is a finding
 * @param mailServers monitored hosts that are mail servers: their SMTP and MX look-ups are their job
 * @param dynamicDnsLists users' dynamic-DNS provider lists, read beside the bundled one
 * @param inspectEncrypted rules look at TLS connections' ciphertext too (see {@link #withInspectEncrypted})
 * @param signatureThread the signature engine runs on a thread of its own (see {@link #withSignatureThread})
 */
public record AnalysisOptions(HomeNet homeNet, List<Double> tolerancesSeconds, FlowConfig flows,
                              boolean verifyChecksums, List<Cidr> darknet, List<Cidr> mailServers,
                              List<java.nio.file.Path> dynamicDnsLists, boolean inspectEncrypted,
                              boolean signatureThread) {
    /** By default the signature engine has a thread of its own when the machine has a second core. */
    public static AnalysisOptions defaults() {
        return new AnalysisOptions(HomeNet.privateRanges(), List.of(1.0, 10.0), FlowConfig.DEFAULT, true, List.of(), List.of(), List.of(), false,
                Runtime.getRuntime().availableProcessors() > 1);
    }

    public AnalysisOptions withHomeNet(HomeNet net) {
        return new AnalysisOptions(net, tolerancesSeconds, flows, verifyChecksums, darknet, mailServers, dynamicDnsLists, inspectEncrypted, signatureThread);
    }

    public AnalysisOptions withFlows(FlowConfig config) {
        return new AnalysisOptions(homeNet, tolerancesSeconds, config, verifyChecksums, darknet, mailServers, dynamicDnsLists, inspectEncrypted, signatureThread);
    }

    public AnalysisOptions withTolerances(List<Double> tolerances) {
        return new AnalysisOptions(homeNet, tolerances, flows, verifyChecksums, darknet, mailServers, dynamicDnsLists, inspectEncrypted, signatureThread);
    }

    public AnalysisOptions withVerifyChecksums(boolean verify) {
        return new AnalysisOptions(homeNet, tolerancesSeconds, flows, verify, darknet, mailServers, dynamicDnsLists, inspectEncrypted, signatureThread);
    }

    public AnalysisOptions withDarknet(List<Cidr> space) {
        return new AnalysisOptions(homeNet, tolerancesSeconds, flows, verifyChecksums, List.copyOf(space), mailServers, dynamicDnsLists, inspectEncrypted, signatureThread);
    }

    public AnalysisOptions withDynamicDnsLists(List<java.nio.file.Path> files) {
        return new AnalysisOptions(homeNet, tolerancesSeconds, flows, verifyChecksums, darknet, mailServers, List.copyOf(files), inspectEncrypted, signatureThread);
    }

    public AnalysisOptions withMailServers(List<Cidr> servers) {
        return new AnalysisOptions(homeNet, tolerancesSeconds, flows, verifyChecksums, darknet, List.copyOf(servers), dynamicDnsLists, inspectEncrypted, signatureThread);
    }

    /**
     * Whether rules still look at the payload of a TLS connection after its handshake (Suricata's
     * {@code encryption-handling: full}); by default they do not, as in Suricata: ciphertext matches
     * no content, and scanning it is most of the bytes of today's traffic.
     */
    public AnalysisOptions withInspectEncrypted(boolean inspect) {
        return new AnalysisOptions(homeNet, tolerancesSeconds, flows, verifyChecksums, darknet, mailServers, dynamicDnsLists, inspect, signatureThread);
    }

    /**
     * Whether the signature engine inspects on a thread of its own, beside the one that reads,
     * decodes and tracks flows (ADR 0019): the same alerts, sooner on two cores; they reach the
     * sinks a few thousand packets after the packets that raised them.
     */
    public AnalysisOptions withSignatureThread(boolean ownThread) {
        return new AnalysisOptions(homeNet, tolerancesSeconds, flows, verifyChecksums, darknet, mailServers, dynamicDnsLists, inspectEncrypted, ownThread);
    }
}
