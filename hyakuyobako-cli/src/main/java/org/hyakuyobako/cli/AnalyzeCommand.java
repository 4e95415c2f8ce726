package org.hyakuyobako.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hyakuyobako.correlate.CorrelationConfig;
import org.hyakuyobako.correlate.Correlator;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;
import org.hyakuyobako.report.HtmlReport;
import org.hyakuyobako.detect.blacklist.BlacklistLoader;
import org.hyakuyobako.detect.blacklist.DnsblChecker;
import org.hyakuyobako.detect.blacklist.Blacklists;
import org.hyakuyobako.detect.blacklist.IntelLoader;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.flow.FlowConfig;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.pipeline.Analysis;
import org.hyakuyobako.pipeline.AnalysisOptions;
import org.hyakuyobako.pipeline.AnalysisSummary;
import org.hyakuyobako.pipeline.ProgressListener;
import org.hyakuyobako.pipeline.SensorAddressProbe;
import org.hyakuyobako.pipeline.LiveFlowInputs;
import org.hyakuyobako.pipeline.SensorSpec;
import org.hyakuyobako.sink.ArgusCsvSink;
import org.hyakuyobako.sink.AsaSyslogSink;
import org.hyakuyobako.sink.AsyncEventSink;
import org.hyakuyobako.sink.ZeekConnLogSink;
import org.hyakuyobako.sink.DuckDbSink;
import org.hyakuyobako.sink.EveJsonSink;
import org.hyakuyobako.sink.EventSink;
import org.hyakuyobako.source.InputDiagnostics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code analyze}: captures in, eve.json and the DuckDB store out, a summary on stdout. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Analyse packet captures (pcap, pcapng, optionally gzip-compressed) from one or more sensors,",
            "merged on packet time. Writes eve.json and hyakuyobako.duckdb into the output directory."
        })
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "A capture; each is a sensor of its own, named by its file name. A directory stands for its files.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--sensor", paramLabel = "NAME=FILE[,FILE...]",
            description = "A sensor (honeypot, tap, firewall) and its captures; repeatable.")
    List<String> sensors = new ArrayList<>();

    @Option(names = "--listen", paramLabel = "KIND:[HOST:]PORT",
            description = "Also receive live: syslog-udp, syslog-tcp (Cisco ASA/FWSM/PIX/FTD syslog, RFC 3164/5424, TCP framed by "
                    + "octet counting or LF) or netflow (v5/v9/IPFIX over UDP); repeatable, each a sensor of its own. "
                    + "Runs until Ctrl-C or --listen-seconds.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--listen-seconds", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop listening after this long (default: until Ctrl-C).")
    long listenSeconds;

    @Option(names = "--home-net", paramLabel = "CIDR[,CIDR...]",
            description = "The monitored hosts (HOME_NET). Default: the private ranges plus each sensor's own public hosts, "
                    + "inferred by role (addresses that receive connections from many outside sources, such as honeypots; "
                    + "else the local end of most connections) and printed at start.")
    String homeNet;

    @Option(names = "--tolerance", paramLabel = "SECONDS[,...]", split = ",",
            description = "Synchronized-activity windows in seconds (default: ${DEFAULT-VALUE}).", defaultValue = "1,10")
    List<Double> tolerances;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "hyakuyobako-out",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--max-flows", paramLabel = "N", defaultValue = "250000",
            description = "Flows held at once; the oldest is written out early when full (default: ${DEFAULT-VALUE}).")
    int maxFlows;

    @Option(names = "--active-timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "Write long flows in slices of this length; 0 = never (default: ${DEFAULT-VALUE}).")
    long activeTimeout;

    @Option(names = "--blacklist", paramLabel = "FILE|DIR",
            description = "Block lists (IP/CIDR/domain lists, hosts files, Spamhaus DROP, abuse.ch CSV, Suricata iprep, "
                    + "ET Open IP rules); repeatable; a directory stands for its files.")
    List<Path> blacklists = new ArrayList<>();

    @Option(names = "--intel", paramLabel = "FILE",
            description = "Shared intelligence: STIX 2.1 bundles and MISP events (indicators, as block lists) and MISP "
                    + "warning lists (never evidence); repeatable. See docs/intel.md.")
    List<Path> intel = new ArrayList<>();

    @Option(names = "--irc-vocabulary", paramLabel = "FILE",
            description = "More IRC bot words: lines 'command <word>', 'bare-command <word>' or 'report <text>', added to the bundled vocabulary; repeatable.")
    List<Path> ircVocabularies = new ArrayList<>();

    @Option(names = "--dnsbl", paramLabel = "ZONE[,ZONE...]", split = ",",
            description = "DNSBL zones to ask about outside peers at the end of the run (off by default), e.g. zen.spamhaus.org.")
    List<String> dnsblZones = new ArrayList<>();

    @Option(names = "--dnsbl-server", paramLabel = "HOST[:PORT]", description = "Resolver for DNSBL queries (default: the system's).")
    String dnsblServer;

    @Option(names = "--dnsbl-rate", defaultValue = "20", paramLabel = "N", description = "DNSBL queries per second at most (default: ${DEFAULT-VALUE}).")
    double dnsblRate;

    @Option(names = "--dnsbl-max", defaultValue = "10000", paramLabel = "N", description = "DNSBL queries per run at most (default: ${DEFAULT-VALUE}).")
    int dnsblMax;

    @Option(names = "--darknet", paramLabel = "CIDR[,CIDR...]",
            description = "Unassigned address space: any probe of a monitored host into it is a finding.")
    String darknet;

    @Option(names = "--mail-server", paramLabel = "CIDR[,CIDR...]",
            description = "Monitored hosts that are mail servers: their outbound SMTP and MX look-ups are not spam.")
    String mailServers;

    @Option(names = "--dyndns", paramLabel = "FILE",
            description = "More dynamic-DNS provider domains, one per line, beside the bundled list; repeatable.")
    List<Path> dynamicDnsLists = new ArrayList<>();

    @Option(names = "--correlation", paramLabel = "FILE",
            description = "Weights, life-cycle stages and verdict thresholds over the bundled ones (see docs/correlation.md).")
    Path correlationFile;

    @Option(names = "--rules", paramLabel = "FILE|DIR",
            description = "Snort/Suricata rules (a .rules file, or a directory of them with classification.config); repeatable. "
                    + "Loaded with the bundled rules; unsupported rules are skipped and counted by reason.")
    List<Path> ruleFiles = new ArrayList<>();

    @Option(names = "--rule-vars", paramLabel = "FILE",
            description = "Rule variables ($HOME_NET, $HTTP_PORTS, ...) from a suricata.yaml or Snort vars file; "
                    + "default: Suricata's, with HOME_NET = the home net.")
    Path ruleVars;

    @Option(names = "--no-default-rules", description = "Do not load the bundled rules (seed 000's and ours).")
    boolean noDefaultRules;

    @Option(names = "--rules-skipped", paramLabel = "FILE",
            description = "Write every rule not loaded (file, line, sid, reason) to this file.")
    Path rulesSkipped;

    @Option(names = "--zeek-conn", paramLabel = "FILE", description = "Also write the flows as a Zeek conn.log (tab-separated).")
    Path zeekConn;

    @Option(names = "--argus-csv", paramLabel = "FILE", description = "Also write the flows as Argus ra CSV (with its header line).")
    Path argusCsv;

    @Option(names = "--asa-syslog", paramLabel = "FILE",
            description = "Also write the flows through the home net's edge as the Cisco ASA there would log them (Built/Teardown).")
    Path asaSyslog;

    @Option(names = "--no-checksums", description = "Do not verify IP/TCP/UDP checksums (they are never used to drop packets).")
    boolean noChecksums;

    @Option(names = "--inspect-encrypted",
            description = "Rules keep looking at a TLS connection's payload after its handshake (Suricata's encryption-handling: full). "
                    + "By default, as in Suricata, only rules without content see the ciphertext.")
    boolean inspectEncrypted;

    @Option(names = "--no-signature-thread",
            description = "Run the signature engine on the analysis thread. By default it has a thread of its own "
                    + "when the machine has a second core (not with --listen): the same alerts, written a few thousand packets later.")
    boolean noSignatureThread;

    @Option(names = "--no-store", description = "Do not write the DuckDB store (eve.json only).")
    boolean noStore;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no start lines; the summary only.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        try {
            return analyze();
        } finally {
            finished.countDown(); // a Ctrl-C during --listen waits for this
        }
    }

    private int analyze() throws IOException {
        List<SensorSpec> specs = new ArrayList<>(SensorArguments.parse(sensors, files));
        int fileSensors = specs.size();
        List<LiveFlowInputs.Listen> listens = new ArrayList<>();
        for (String l : listen) {
            try {
                listens.add(LiveFlowInputs.Listen.parse(l));
            } catch (IllegalArgumentException e) {
                throw new UserError("--listen " + e.getMessage());
            }
            specs.add(new SensorSpec(listens.get(listens.size() - 1).sensorName(), List.of()));
        }
        if (specs.isEmpty()) {
            throw new UserError("no input: give capture files, or --sensor NAME=FILE, or --listen (see --help)");
        }
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        HomeNet net;
        SensorAddressProbe.Inference inferred = null;
        try {
            if (homeNet != null) {
                net = HomeNet.parse(homeNet);
            } else {
                inferred = SensorAddressProbe.infer(HomeNet.privateRanges(), specs);
                net = inferred.homeNet();
            }
        } catch (IllegalArgumentException e) {
            throw new UserError("--home-net: " + e.getMessage());
        }
        if (maxFlows < 1) {
            throw new UserError("--max-flows must be at least 1");
        }
        AnalysisOptions options = AnalysisOptions.defaults()
                .withHomeNet(net)
                .withTolerances(tolerances)
                .withFlows(FlowConfig.DEFAULT.withMaxFlows(maxFlows).withActiveSeconds(activeTimeout))
                .withVerifyChecksums(!noChecksums)
                .withDarknet(cidrs("--darknet", darknet))
                .withMailServers(cidrs("--mail-server", mailServers))
                .withDynamicDnsLists(readable("--dyndns", dynamicDnsLists))
                .withInspectEncrypted(inspectEncrypted);
        if (noSignatureThread || !listens.isEmpty()) {
            // Live records trickle in: on the engine's thread their alerts would wait for a batch of
            // 1,024 to fill (ADR 0019), and records without payload cost the engine little anyway.
            options = options.withSignatureThread(false);
        }
        if (!quiet) {
            stdout.println("home net: " + net + (inferred == null ? " (--home-net)" : ""));
            if (inferred != null) {
                for (SensorAddressProbe.Inferred a : inferred.added()) {
                    stdout.println("  + " + a.address() + " (sensor " + a.sensor() + "): " + a.reason());
                }
                for (String n : inferred.notes()) {
                    stdout.println("  note: " + n);
                }
            }
            for (SensorSpec s : specs) {
                stdout.println("sensor " + s.name() + ": " + s.files().size() + " file(s)");
            }
        }
        if (inferred != null) {
            for (String w : inferred.warnings()) {
                stderr.println("warning: home net: " + w);
            }
        }
        Blacklists lists = loadBlacklists(stderr);
        BotVocabulary vocabulary = BotVocabulary.bundled();
        for (Path file : ircVocabularies) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new UserError("--irc-vocabulary " + file + ": no such readable file");
            }
            try {
                vocabulary.add(file);
            } catch (IOException e) {
                throw new UserError("--irc-vocabulary " + (e.getMessage().startsWith(file.toString()) ? e.getMessage()
                        : file + ": cannot read: " + e.getMessage()));
            }
        }
        CorrelationConfig correlation = loadCorrelation();
        RuleSet rules = loadRules(net, quiet ? null : stdout);
        Files.createDirectories(out);
        InputDiagnostics diagnostics = new InputDiagnostics(stderr);
        boolean showProgress = !quiet && ProgressBar.stderrIsTerminal();
        ProgressBar bar = showProgress ? new ProgressBar(stderr) : null;
        List<EventSink> sinks = new ArrayList<>();
        FindingsTap findings = new FindingsTap();
        sinks.add(findings);
        AnalysisSummary summary;
        try {
            // Each writer runs on its own thread, so packets and serialisation overlap on two cores.
            sinks.add(new AsyncEventSink(List.of(new EveJsonSink(out.resolve("eve.json"), Analysis.contextFor(specs, net))), AsyncEventSink.DEFAULT_CAPACITY));
            if (zeekConn != null) {
                sinks.add(new AsyncEventSink(List.of(new ZeekConnLogSink(zeekConn)), AsyncEventSink.DEFAULT_CAPACITY));
            }
            if (asaSyslog != null) {
                sinks.add(new AsyncEventSink(List.of(new AsaSyslogSink(asaSyslog, net, "hyakuyobako")), AsyncEventSink.DEFAULT_CAPACITY));
            }
            if (argusCsv != null) {
                sinks.add(new AsyncEventSink(List.of(new ArgusCsvSink(argusCsv)), AsyncEventSink.DEFAULT_CAPACITY));
            }
            if (!noStore) {
                DuckDbSink store = new DuckDbSink(out.resolve("hyakuyobako.duckdb"), Analysis.contextFor(specs, net));
                // serve tells inbound from outbound with the home net the run used.
                store.recordRun("home_net", net.toString());
                store.recordRun("sensors", String.join(",", specs.stream().map(SensorSpec::name).toList()));
                // Capture names are kept as given: serve's carve link resolves relative ones against this.
                store.recordRun("working_directory", Path.of("").toAbsolutePath().toString());
                sinks.add(new AsyncEventSink(List.of(store), AsyncEventSink.DEFAULT_CAPACITY));
            }
            Analysis analysis = new Analysis(specs, options, sinks, diagnostics, bar == null ? ProgressListener.NONE : bar);
            if (!listens.isEmpty()) {
                LiveFlowInputs live = new LiveFlowInputs(listens, fileSensors, diagnostics);
                stdout.println("listening: " + describe(listens, live.ports()) + (listenSeconds > 0 ? " for " + listenSeconds + " s"
                        : " until Ctrl-C"));
                long deadline = listenSeconds > 0 ? System.nanoTime() + listenSeconds * 1_000_000_000L : Long.MAX_VALUE;
                analysis.addLiveInput(live, () -> !stopListening.get() && System.nanoTime() < deadline);
                // Ctrl-C ends listening, not the run: the analysis finishes, the writers close, the summary prints.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stopListening.set(true);
                    try {
                        finished.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "analyze-stop-listening"));
            }
            Detectors.addDefaults(analysis, options, lists, vocabulary, rules);
            Correlator.attach(analysis, correlation);
            summary = analysis.run();
        } finally {
            if (bar != null) {
                bar.finish();
            }
            for (EventSink s : sinks) {
                s.close();
            }
        }
        if (!noStore) {
            // Built from the store, after the writers closed it: the report shows what a user can query.
            try {
                HtmlReport.write(out.resolve("hyakuyobako.duckdb"), out.resolve("report.html"));
            } catch (IOException e) {
                // eve.json and the store are complete; say what is missing and why, and go on.
                stderr.println("hyakuyobako: warning: report.html not written: " + e.getMessage());
            }
        }
        SummaryPrinter.print(stdout, summary, out);
        SummaryPrinter.printVerdicts(stdout, findings.verdicts);
        SummaryPrinter.printFindings(stdout, findings.cnc, findings.groups, org.hyakuyobako.net.geo.PeerLocator.bundled(net));
        SummaryPrinter.printRoles(stdout, findings.roles);
        SummaryPrinter.printEvidence(stdout, "IRC bots (C&C analysis)", "irc", findings.ircBots.values());
        SummaryPrinter.printEvidence(stdout, "IRC channel statistics", "irc-channel", findings.ircChannels.values());
        SummaryPrinter.printEvidence(stdout, "session timing", "timing", findings.timing.values());
        if (summary.usableInputs().isEmpty()) {
            throw new UserError("no usable input among " + summary.inputsGiven() + " file(s); see the warnings above");
        }
        return 0;
    }

    private final java.util.concurrent.atomic.AtomicBoolean stopListening = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);

    private static String describe(List<LiveFlowInputs.Listen> listens, List<Integer> ports) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < listens.size(); i++) {
            out.add(listens.get(i).kind() + " on " + listens.get(i).host() + ":" + ports.get(i));
        }
        return String.join(", ", out);
    }

    /** Loads every --blacklist; bad lines are reported (the first few) and counted. */
    private static List<Path> readable(String option, List<Path> files) {
        for (Path f : files) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new UserError(option + " " + f + ": no such readable file");
            }
        }
        return files;
    }

    private static List<Cidr> cidrs(String option, String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        try {
            return HomeNet.parse(list).prefixes();
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }

    /** The bundled rules and the user's, with a line saying how many loaded and why others did not. */
    private RuleSet loadRules(HomeNet net, PrintStream say) throws IOException {
        RuleVariables vars = RuleVariables.defaults(net);
        if (ruleVars != null) {
            if (!Files.isRegularFile(ruleVars) || !Files.isReadable(ruleVars)) {
                throw new UserError("--rule-vars " + ruleVars + ": no such readable file");
            }
            try {
                vars.load(ruleVars);
            } catch (IOException e) {
                throw new UserError("--rule-vars " + ruleVars + ": " + e.getMessage());
            }
        }
        for (Path p : ruleFiles) {
            if (!Files.exists(p)) {
                throw new UserError("--rules: no such file or directory: " + p);
            }
        }
        long start = System.nanoTime();
        RuleSet rules = ruleFiles.isEmpty() ? new RuleSet() : RuleSet.load(ruleFiles, vars);
        if (!ruleFiles.isEmpty() && say != null) {
            say.printf("rules: %s in %.1f s%n", rules.summary(), (System.nanoTime() - start) / 1e9);
        }
        if (rulesSkipped != null) {
            try (PrintStream w = new PrintStream(Files.newOutputStream(rulesSkipped), false, java.nio.charset.StandardCharsets.UTF_8)) {
                for (RuleSet.Skipped k : rules.skipped()) {
                    w.println(k.file() + ":" + k.line() + "\tsid " + k.sid() + "\t" + k.detail());
                }
            }
        }
        if (!noDefaultRules) {
            rules.addAll(RuleSet.bundled(vars));
        }
        return rules;
    }

    private CorrelationConfig loadCorrelation() {
        if (correlationFile == null) {
            return CorrelationConfig.defaults();
        }
        if (!Files.isRegularFile(correlationFile) || !Files.isReadable(correlationFile)) {
            throw new UserError("--correlation " + correlationFile + ": no such readable file");
        }
        try {
            return CorrelationConfig.load(correlationFile);
        } catch (IOException | IllegalStateException e) {
            throw new UserError("--correlation " + e.getMessage());
        }
    }

    private Blacklists loadBlacklists(PrintStream stderr) throws IOException {
        Blacklists lists = new Blacklists();
        long[] shown = {0};
        BlacklistLoader loader = new BlacklistLoader(lists, message -> {
            if (shown[0]++ < 20) {
                stderr.println("hyakuyobako: warning: " + message);
            }
        });
        for (Path p : blacklists) {
            if (!Files.exists(p)) {
                throw new UserError("--blacklist: no such file or directory: " + p);
            }
            loader.load(p);
        }
        loadIntel(lists, stderr);
        if (!dnsblZones.isEmpty()) {
            java.net.InetSocketAddress server = null;
            if (dnsblServer != null) {
                int colon = dnsblServer.lastIndexOf(':');
                boolean hasPort = colon > 0 && dnsblServer.indexOf(':') == colon;
                String host = hasPort ? dnsblServer.substring(0, colon) : dnsblServer;
                int port;
                try {
                    port = hasPort ? Integer.parseInt(dnsblServer.substring(colon + 1)) : 53;
                } catch (NumberFormatException e) {
                    throw new UserError("--dnsbl-server: bad port in " + dnsblServer);
                }
                server = new java.net.InetSocketAddress(host, port);
            }
            if (dnsblRate <= 0 || dnsblMax < 0) {
                throw new UserError("--dnsbl-rate must be positive and --dnsbl-max not negative");
            }
            lists.dnsbl = new DnsblChecker(dnsblZones, server, java.time.Duration.ofSeconds(2), dnsblRate, dnsblMax);
        }
        if (!blacklists.isEmpty() && !quiet) {
            System.out.printf("blacklists: %,d entries loaded, %,d bad lines skipped%n", loader.loaded(), loader.rejected());
        }
        return lists;
    }

    /** Loads every --intel file; what is skipped is told (the first few) and counted by reason. */
    private void loadIntel(Blacklists lists, PrintStream stderr) {
        if (intel.isEmpty()) {
            return;
        }
        for (Path p : intel) {
            if (!Files.isRegularFile(p)) {
                throw new UserError("--intel: no such file: " + p);
            }
        }
        long[] shown = {0};
        IntelLoader loader = new IntelLoader(lists, message -> {
            if (shown[0]++ < 20) {
                stderr.println("hyakuyobako: warning: --intel " + message);
            }
        });
        loader.load(intel);
        if (!quiet) {
            System.out.println("intel: " + loader.report().summary());
        }
    }
}
