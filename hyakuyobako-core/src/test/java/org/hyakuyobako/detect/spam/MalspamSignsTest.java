package org.hyakuyobako.detect.spam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EvidenceEvent;
import org.hyakuyobako.event.SmtpEvent;
import org.hyakuyobako.net.HomeNet;
import org.junit.jupiter.api.Test;

/** One mail's malspam signs: each counts, and an ordinary mail with a macro workbook is no spam evidence strong enough to judge. */
class MalspamSignsTest {
    static final String XLSM_AS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet offer.xlsm";
    static final String XLSM_AS_XLSM = "application/vnd.ms-excel.sheet.macroEnabled.12 budget.xlsm";

    private final List<Event> out = new ArrayList<>();
    private final SpamDetector d = new SpamDetector(HomeNet.privateRanges(), List.of(), out::add);
    private int flow = 1;

    private EvidenceEvent mail(String host, String helo, String auth, boolean tls, int port, String... attachments) {
        out.clear();
        d.accept(new SmtpEvent(1_650_000_000_000_000_000L + flow * 1_000_000L, new ConnectionRef(flow++, 0, host, 50_000, "198.51.100.25", port),
                1, helo, auth, "a@b.test", List.of("c@d.test"), "Re:", List.of(attachments), "250 OK", tls));
        // A host's evidence of an hour is held until the hour (here: the input) ends.
        d.finish();
        return out.stream().filter(EvidenceEvent.class::isInstance).map(EvidenceEvent.class::cast).findFirst().orElse(null);
    }

    @Test
    void theEmotetMailAddsUpToAStrongSign() {
        EvidenceEvent e = mail("10.2.25.102", "[173.66.46.97]", "LOGIN", false, 587, XLSM_AS_XLSX);
        // 1 - 0.4 (public HELO literal) * 0.6 (code) * 0.5 (disguised) * 0.7 (clear-text login) = 0.916
        assertEquals(0.916, e.score(), 1e-9);
        assertTrue(e.summary().contains("a kind that cannot (a disguise)"), e.summary());
        assertTrue(e.summary().contains("logs in without TLS on the submission port"), e.summary());
    }

    @Test
    void anOrdinaryMailWithAMacroWorkbookStaysWeak() {
        EvidenceEvent e = mail("10.0.0.7", "DESKTOP-4711", "LOGIN", true, 587, XLSM_AS_XLSM);
        assertEquals(0.4, e.score(), 1e-9, "the attachment alone");
        assertEquals(null, mail("10.0.0.8", "mail.example.test", null, true, 587, "application/pdf report.pdf"));
    }

    @Test
    void aPrivateHeloLiteralIsAWeakerSignThanAPublicOne() {
        assertEquals(0.3, mail("10.0.0.9", "[192.168.1.20]", null, false, 25).score(), 1e-9);
        assertEquals(0.6, mail("10.0.0.10", "[203.0.113.77]", null, false, 25).score(), 1e-9);
        assertEquals(null, mail("10.0.0.11", "[10.0.0.11]", null, false, 25), "its own address: a plain client");
    }

    @Test
    void declaredTypesThatCannotRunCode() {
        assertTrue(AttachmentTypes.declaredHarmless("image/jpeg"));
        assertTrue(AttachmentTypes.declaredHarmless("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        assertEquals(false, AttachmentTypes.declaredHarmless("application/octet-stream"));
        assertEquals(false, AttachmentTypes.declaredHarmless("application/vnd.ms-word.document.macroEnabled.12"));
        assertEquals(false, AttachmentTypes.declaredHarmless(""));
    }
}
