package org.hyakuyobako.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hyakuyobako.event.AlertEvent;
import org.hyakuyobako.event.ConnectionRef;
import org.hyakuyobako.event.DnsEvent;
import org.hyakuyobako.event.EveContext;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.FtpEvent;
import org.hyakuyobako.event.GeoFields;
import org.hyakuyobako.event.HttpEvent;
import org.hyakuyobako.event.IrcEvent;
import org.hyakuyobako.event.SmtpEvent;
import org.hyakuyobako.event.Timestamps;
import org.hyakuyobako.event.TlsEvent;

/**
 * The store's tables for application events (docs/schema.md): {@code dns}, {@code http},
 * {@code smtp}, {@code ftp}, {@code irc}, {@code tls} and {@code alert}, each row with the connection's flow id and 5-tuple so it
 * joins the {@code flow} table. Lists (answers, recipients, attachments) are JSON arrays.
 */
final class AppEventTables {
    private final CsvBatch dns;
    private final CsvBatch http;
    private final CsvBatch smtp;
    private final CsvBatch ftp;
    private final CsvBatch irc;
    private final CsvBatch tls;
    private final CsvBatch alert;
    private final List<CsvBatch> all;
    private final EveContext context;

    AppEventTables(Path dir, EveContext context) {
        this.context = context;
        dns = new CsvBatch(dir.resolve(".hyakuyobako-dns.csv"), "dns");
        http = new CsvBatch(dir.resolve(".hyakuyobako-http.csv"), "http");
        smtp = new CsvBatch(dir.resolve(".hyakuyobako-smtp.csv"), "smtp");
        ftp = new CsvBatch(dir.resolve(".hyakuyobako-ftp.csv"), "ftp");
        irc = new CsvBatch(dir.resolve(".hyakuyobako-irc.csv"), "irc");
        tls = new CsvBatch(dir.resolve(".hyakuyobako-tls.csv"), "tls");
        alert = new CsvBatch(dir.resolve(".hyakuyobako-alert.csv"), "alert");
        all = List.of(dns, http, smtp, ftp, irc, tls, alert);
    }

    /** Writes the event if it is an application event with a table; false otherwise. */
    boolean accept(Event event) throws IOException {
        if (event instanceof DnsEvent d) {
            connection(dns, d.timestampNanos(), d.conn(), d.proto()).text(d.query() ? "query" : "answer").number(d.id())
                    .text(d.rrname()).text(d.rrtype()).text(d.rcode()).text(answers(d)).endRow();
        } else if (event instanceof HttpEvent h) {
            connection(http, h.timestampNanos(), h.conn(), "TCP").text(h.hostname()).text(h.url()).text(h.method())
                    .text(h.userAgent()).text(h.protocol()).number(h.status()).text(h.contentType()).number(h.length())
                    .text(Boolean.toString(h.executable())).count(h.bodies().requestBodyLength()).text(h.bodies().requestContentType())
                    .text(h.bodies().requestBodyKind()).count(h.bodies().responseBodyLength()).text(h.bodies().responseBodyKind()).endRow();
        } else if (event instanceof SmtpEvent m) {
            connection(smtp, m.timestampNanos(), m.conn(), "TCP").number(m.transDepth()).text(m.helo()).text(m.auth())
                    .text(m.mailFrom()).text(JsonText.array(m.rcptTo())).text(m.subject()).text(JsonText.array(m.attachments()))
                    .text(m.lastReply()).text(Boolean.toString(m.tls())).endRow();
        } else if (event instanceof FtpEvent f) {
            connection(ftp, f.timestampNanos(), f.conn(), "TCP").text(f.user()).text(f.command()).text(f.arg())
                    .number(f.replyCode()).text(f.replyMsg()).endRow();
        } else if (event instanceof IrcEvent i) {
            connection(irc, i.timestampNanos(), i.conn(), "TCP").text(i.fromClient() ? "to_server" : "to_client").text(i.nick())
                    .text(i.user()).text(i.from()).text(i.command()).text(i.value()).text(i.addl()).text(i.channel()).endRow();
        } else if (event instanceof TlsEvent t) {
            connection(tls, t.timestampNanos(), t.conn(), "TCP").text(t.sni()).text(t.version()).text(t.subject()).text(t.issuer()).text(t.serial())
                    .text(t.notBeforeNanos() == 0 ? null : Timestamps.sql(t.notBeforeNanos()))
                    .text(t.notAfterNanos() == 0 ? null : Timestamps.sql(t.notAfterNanos()))
                    .text(t.ja3Hash()).text(t.ja3sHash()).text(t.ja4()).endRow();
        } else if (event instanceof AlertEvent a) {
            alert.text(Timestamps.sql(a.timestampNanos())).number(a.flowId()).text(context.sensorName(a.sensorId())).text(a.srcIp())
                    .number(a.srcPort()).text(a.destIp()).number(a.destPort()).text(a.proto())
                    .text(a.toServer() ? "to_server" : "to_client").text(a.appProto()).text(a.action()).number(a.gid())
                    .number(a.signatureId()).number(a.rev()).text(a.signature()).text(a.category()).number(a.severity())
                    .text(JsonText.array(a.metadata())).text(JsonText.object(a.app()))
                    .text(a.fileId() < 0 ? null : context.fileName(a.fileId())).number(a.fileOffset()).endRow();
        } else {
            return false;
        }
        return true;
    }

    private CsvBatch connection(CsvBatch b, long ts, ConnectionRef c, String proto) throws IOException {
        return b.text(Timestamps.sql(ts)).number(c.flowId()).text(context.sensorName(c.sensorId())).text(c.srcIp())
                .number(c.srcPort()).text(c.destIp()).number(c.destPort()).text(proto);
    }

    /** The answers as eve.json has them, address answers with their country and AS. */
    private String answers(DnsEvent d) throws IOException {
        return JsonText.objects(d.answers(), (g, a) -> {
            g.writeStringField("rrname", a.rrname());
            g.writeStringField("rrtype", a.rrtype());
            g.writeStringField("rdata", a.rdata());
            g.writeNumberField("ttl", a.ttl());
            if (a.isAddress()) {
                GeoFields.write(g, GeoFields.BARE, context.peers().locate(a.rdata()));
            }
        });
    }

    /** Every staging batch, for the store to load and discard with its own. */
    List<CsvBatch> batches() {
        return all;
    }
}
