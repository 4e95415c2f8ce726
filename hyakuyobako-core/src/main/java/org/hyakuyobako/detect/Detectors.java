package org.hyakuyobako.detect;

import org.hyakuyobako.detect.blacklist.BlacklistDetector;
import org.hyakuyobako.detect.blacklist.Blacklists;
import org.hyakuyobako.detect.blacklist.FingerprintBlacklistDetector;
import org.hyakuyobako.detect.dns.DnsAnomalyDetector;
import org.hyakuyobako.detect.dns.DnsProfileDetector;
import org.hyakuyobako.detect.dns.DynamicDnsProviders;
import org.hyakuyobako.detect.dos.DosDetector;
import org.hyakuyobako.detect.download.DownloadDetector;
import org.hyakuyobako.detect.download.TftpDownloadDetector;
import org.hyakuyobako.detect.exploit.InboundAttemptDetector;
import org.hyakuyobako.detect.http.HttpC2Detector;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.detect.irc.IrcCncDetector;
import org.hyakuyobako.detect.ircchannel.ChannelStatistics;
import org.hyakuyobako.detect.scan.ScanDetector;
import org.hyakuyobako.detect.proxy.ProxyAbuseDetector;
import org.hyakuyobako.detect.spam.SpamDetector;
import org.hyakuyobako.detect.tls.SelfSignedCncDetector;
import org.hyakuyobako.detect.sync.BeaconGroups;
import org.hyakuyobako.detect.sync.SyncConfig;
import org.hyakuyobako.detect.timing.SessionTimingDetector;
import org.hyakuyobako.detect.sync.SyncDetector;
import org.hyakuyobako.pipeline.Analysis;
import org.hyakuyobako.detect.signature.SignatureDetector;
import org.hyakuyobako.proto.AppInspector;
import org.hyakuyobako.proto.AppLayer;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;
import org.hyakuyobako.proto.dns.DnsParser;
import org.hyakuyobako.pipeline.AnalysisOptions;

/**
 * The detectors an {@code analyze} run uses, in one place, so the command line, the benchmark and
 * the tests run the same set. Each detector issue adds its detector here.
 */
public final class Detectors {
    private Detectors() {
    }

    public static void addDefaults(Analysis analysis, AnalysisOptions options) {
        addDefaults(analysis, options, new Blacklists());
    }

    public static void addDefaults(Analysis analysis, AnalysisOptions options, Blacklists blacklists) {
        addDefaults(analysis, options, blacklists, BotVocabulary.bundled());
    }

    /**
     * The default detectors, with the block lists the user gave (none: no blacklist detector) and
     * the IRC bot vocabulary (the bundled one plus the user's files).
     */
    public static void addDefaults(Analysis analysis, AnalysisOptions options, Blacklists blacklists,
                                   BotVocabulary vocabulary) {
        addDefaults(analysis, options, blacklists, vocabulary,
                RuleSet.bundled(RuleVariables.defaults(options.homeNet())));
    }

    /** The default detectors with the rules given (the bundled ones, a user's, or both; empty: no signature engine). */
    public static void addDefaults(Analysis analysis, AnalysisOptions options, Blacklists blacklists,
                                   BotVocabulary vocabulary, RuleSet rules) {
        addAppLayer(analysis, options, vocabulary, rules);
        // Session timing (in the app layer, finished before this) reports beacons; hosts that beacon
        // alike are a second signal for a C&C, or a group of their own.
        BeaconGroups beacons = new BeaconGroups();
        analysis.addEventObserver(beacons);
        SyncDetector sync = new SyncDetector(SyncConfig.defaults(options.tolerancesSeconds()), options.homeNet(), analysis::emit,
                beacons);
        analysis.addObserver(sync);
        analysis.addFlowObserver(sync);
        analysis.addObserver(new DosDetector(options.homeNet(), analysis::emit));
        analysis.addObserver(new TftpDownloadDetector(options.homeNet(), analysis::emit));
        analysis.addFlowObserver(new InboundAttemptDetector(options.homeNet(), analysis::emit));
        // DNS messages become events; the DNS anomalies read the events (a stage after the parser).
        analysis.addObserver(new DnsParser(analysis::emit));
        DynamicDnsProviders providers = DynamicDnsProviders.bundled();
        for (java.nio.file.Path file : options.dynamicDnsLists()) {
            try {
                providers.add(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the dynamic-DNS list " + file + ": " + e.getMessage(), e);
            }
        }
        analysis.addEventObserver(new DnsAnomalyDetector(options.homeNet(), options.mailServers(), providers, analysis::emit));
        analysis.addEventObserver(new DnsProfileDetector(options.homeNet(), analysis::emit));
        // They read the http, smtp and flow events the app layer and the flow table emit.
        analysis.addEventObserver(new DownloadDetector(options.homeNet(), analysis::emit));
        analysis.addEventObserver(new HttpC2Detector(options.homeNet(), analysis::emit));
        analysis.addEventObserver(new ProxyAbuseDetector(options.homeNet(), analysis::emit));
        analysis.addEventObserver(new SpamDetector(options.homeNet(), options.mailServers(), analysis::emit));
        analysis.addEventObserver(new SelfSignedCncDetector(options.homeNet(), analysis::emit));
        // Server roles of monitored hosts, whose normal behaviour the correlation does not count.
        analysis.addFlowObserver(new org.hyakuyobako.detect.role.HostRoleLearner(options.homeNet(), analysis::emit));
        ScanDetector scans = new ScanDetector(options.homeNet(), options.darknet(), analysis::emit);
        analysis.addFlowObserver(scans);
        analysis.addArpObserver(scans);
        if (!blacklists.isEmpty()) {
            BlacklistDetector detector = new BlacklistDetector(blacklists, options.homeNet(), analysis::emit);
            analysis.addFlowObserver(detector);
            analysis.addObserver(detector);
            if (blacklists.fingerprints.size() > 0) {
                // Listed JA3/JA4: read from the tls events, where the hello is whole (reassembled).
                analysis.addEventObserver(new FingerprintBlacklistDetector(blacklists.fingerprints, options.homeNet(), analysis::emit));
            }
        }
    }

    /** Reassembly, protocol identification and the application parsers, with the detectors that read their events. */
    public static void addAppLayer(Analysis analysis, AnalysisOptions options, BotVocabulary vocabulary) {
        addAppLayer(analysis, options, vocabulary, new RuleSet());
    }

    /**
     * The app layer with the signature engine on its messages, packets and streams (D1); no engine
     * when the rule set is empty.
     */
    public static void addAppLayer(Analysis analysis, AnalysisOptions options, BotVocabulary vocabulary, RuleSet rules) {
        SignatureDetector signatures = rules.isEmpty() ? null : new SignatureDetector(rules, options.homeNet(), options.inspectEncrypted(),
                options.signatureThread(), analysis::emit);
        // IRC events go to the sinks and to the C&C analysis, which reads events, never bytes.
        IrcCncDetector ircCnc = new IrcCncDetector(vocabulary, analysis::emit);
        ChannelStatistics channels = new ChannelStatistics(analysis::emit);
        SessionTimingDetector timing = new SessionTimingDetector(options.homeNet(), analysis::emit);
        AppLayer app = new AppLayer(options.homeNet(), event -> {
            analysis.emit(event);
            ircCnc.accept(event);
            channels.accept(event);
            timing.accept(event);
        }, signatures == null ? AppInspector.NONE : signatures);
        // Executables and command shells on connections no parser reads, by their first bytes.
        app.addContentObserver(new org.hyakuyobako.detect.download.ExecutableTransferDetector(options.homeNet(), analysis::emit));
        app.addContentObserver(new org.hyakuyobako.detect.shell.ShellSessionDetector(options.homeNet(), analysis::emit));
        analysis.addObserver(app);
        analysis.addFlowObserver(app);
        if (signatures != null) {
            // After the app layer, so a packet's flow already has its app_proto; DNS and TLS come as events.
            analysis.addObserver(signatures);
            analysis.addFlowObserver(signatures);
            analysis.addEventObserver(signatures);
            analysis.atEnd(signatures::release);
        }
        // After the app layer: its last lines of a connection come before the connection's end here,
        // and the flow's app_proto is set before the timing judges the session.
        analysis.addFlowObserver(channels);
        analysis.addObserver(timing);
        analysis.addFlowObserver(timing);
    }
}
