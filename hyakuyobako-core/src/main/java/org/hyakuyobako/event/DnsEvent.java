package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * One DNS message, as Suricata's {@code dns} event (version 2, flattened): a query or an answer.
 *
 * @param query whether it is a query (QR bit clear)
 * @param rrname the first question's name, lower case, without the trailing dot
 * @param rrtype the first question's type (A, MX, AXFR, …)
 * @param rcode NOERROR, NXDOMAIN, … (answers only)
 * @param answers each answer as {@code type rdata ttl}, at most {@link #MAX_ANSWERS}; an address
 *                answer is written with the address's country and AS ({@link GeoFields})
 * @param rcodeValue the header's response code as a number, queries included (rules test it: dns.rcode)
 */
public record DnsEvent(long timestampNanos, ConnectionRef conn, String proto, boolean query, int id, String rrname, String rrtype,
                       String rcode, List<Answer> answers, int rcodeValue) implements ConnectionEvent {
    public static final int MAX_ANSWERS = 32;

    /** One resource record of the answer section. */
    public record Answer(String rrname, String rrtype, String rdata, long ttl) {
        /** An A or AAAA record, whose rdata is an address (and so has a country and AS in eve.json). */
        public boolean isAddress() {
            return "A".equals(rrtype) || "AAAA".equals(rrtype);
        }
    }

    @Override
    public String eventType() {
        return "dns";
    }

    @Override
    public void writeFields(JsonGenerator g, EveContext context) throws IOException {
        conn.write(g, proto);
        g.writeObjectFieldStart("dns");
        g.writeStringField("type", query ? "query" : "answer");
        g.writeNumberField("id", id);
        g.writeStringField("rrname", rrname);
        g.writeStringField("rrtype", rrtype);
        if (!query) {
            JsonFields.optional(g, "rcode", rcode);
            g.writeArrayFieldStart("answers");
            for (Answer a : answers) {
                g.writeStartObject();
                g.writeStringField("rrname", a.rrname());
                g.writeStringField("rrtype", a.rrtype());
                g.writeStringField("rdata", a.rdata());
                g.writeNumberField("ttl", a.ttl());
                if (a.isAddress()) {
                    GeoFields.write(g, GeoFields.BARE, context.peers().locate(a.rdata()));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
