package org.hyakuyobako.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.detect.Detectors;
import org.hyakuyobako.detect.blacklist.Blacklists;
import org.hyakuyobako.detect.irc.BotVocabulary;
import org.hyakuyobako.rules.RuleSet;
import org.hyakuyobako.rules.RuleVariables;

/**
 * Runs one suricata-verify case through our whole pipeline with its rules and compares our eve.json
 * records with every {@code filter:} check of its test.yaml. Checks we cannot compare (Suricata's
 * {@code stats:} counters, {@code shell:} commands) are counted and named, not passed.
 */
public final class SuricataVerifyRun {
    private SuricataVerifyRun() {
    }

    /** The case's outcome: how many checks and fields agree, and what differs. */
    public record Result(SuricataVerifyCase testCase, int checks, int checksAgreeing, int fields, int fieldsAgreeing,
                         List<String> differences, List<String> notCompared, List<String> rulesNotLoaded) {
        public boolean agrees() {
            return checks > 0 && checks == checksAgreeing;
        }
    }

    /** Our eve.json records for the case's capture, with its rules loaded and its output configuration applied. */
    public static List<JsonNode> eve(SuricataVerifyCase c, List<String> rulesNotLoaded) throws IOException {
        RuleSet rules = new RuleSet();
        if (c.rules() != null) {
            rules = RuleSet.load(List.of(c.rules()), RuleVariables.defaults(Pipelines.options().homeNet()));
            rulesNotLoaded.addAll(rules.skipped().stream().map(Object::toString).toList());
        }
        RuleSet loaded = rules;
        EventCollector out = Pipelines.run(List.of(c.capture()),
                a -> Detectors.addDefaults(a, Pipelines.options(), new Blacklists(), BotVocabulary.bundled(), loaded));
        return EveOutputConfig.of(c.suricataYaml()).keep(EveRecords.of(out.events, List.of(c.capture().getFileName().toString())));
    }

    public static Result run(SuricataVerifyCase c) throws IOException {
        List<String> rulesNotLoaded = new ArrayList<>();
        List<JsonNode> eve = eve(c, rulesNotLoaded);
        int checks = 0;
        int checksAgreeing = 0;
        int fields = 0;
        int fieldsAgreeing = 0;
        List<String> differences = new ArrayList<>();
        List<String> notCompared = new ArrayList<>();
        int index = 0;
        for (JsonNode check : c.checks()) {
            index++;
            if (!check.has("filter")) {
                notCompared.add("check " + index + ": " + check.fieldNames().next());
                continue;
            }
            SuricataVerifyFilter.Outcome o = new SuricataVerifyFilter(check.get("filter")).evaluate(eve);
            checks++;
            fields += o.fields();
            fieldsAgreeing += o.fieldsAgreeing();
            if (o.agrees()) {
                checksAgreeing++;
            } else {
                differences.add("check " + index + ": " + o.why());
            }
        }
        return new Result(c, checks, checksAgreeing, fields, fieldsAgreeing, differences, notCompared, rulesNotLoaded);
    }
}
