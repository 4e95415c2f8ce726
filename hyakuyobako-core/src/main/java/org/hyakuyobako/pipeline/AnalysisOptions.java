package org.hyakuyobako.pipeline;

import java.util.List;
import org.hyakuyobako.flow.FlowConfig;
import org.hyakuyobako.net.HomeNet;

/**
 * Settings of one analysis run.
 *
 * @param homeNet the monitored hosts
 * @param tolerancesSeconds synchronized-activity windows (seed 002: 1 s and 10 s)
 * @param flows flow table limits and timeouts
 * @param verifyChecksums verify IP/TCP/UDP checksums (bad ones are counted, never dropped)
 */
public record AnalysisOptions(HomeNet homeNet, List<Double> tolerancesSeconds, FlowConfig flows,
                              boolean verifyChecksums) {
    public static AnalysisOptions defaults() {
        return new AnalysisOptions(HomeNet.privateRanges(), List.of(1.0, 10.0), FlowConfig.DEFAULT, true);
    }

    public AnalysisOptions withHomeNet(HomeNet net) {
        return new AnalysisOptions(net, tolerancesSeconds, flows, verifyChecksums);
    }

    public AnalysisOptions withFlows(FlowConfig config) {
        return new AnalysisOptions(homeNet, tolerancesSeconds, config, verifyChecksums);
    }

    public AnalysisOptions withTolerances(List<Double> tolerances) {
        return new AnalysisOptions(homeNet, tolerances, flows, verifyChecksums);
    }

    public AnalysisOptions withVerifyChecksums(boolean verify) {
        return new AnalysisOptions(homeNet, tolerancesSeconds, flows, verify);
    }
}
