package org.hyakuyobako.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EveContext;
import org.hyakuyobako.net.geo.GeoDatabase;
import org.hyakuyobako.net.geo.PeerLocator;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.event.SyncEvent;
import org.hyakuyobako.event.Timestamps;
import org.hyakuyobako.flow.FlowRecord;

/**
 * The embedded store: a DuckDB file a user can query with SQL (schema in docs/schema.md).
 *
 * <p>Rows are staged as CSV and bulk-loaded every {@link #BATCH_ROWS} rows and at the end of each
 * batch ({@link CsvBatch} says why), so an interrupted run leaves a readable file holding
 * everything up to the last load. Findings (evidence, verdicts, C&C, groups) have typed tables
 * ({@link FindingTables}); event types without a typed table land, whole, as JSON in table
 * {@code event}: nothing written to eve.json is missing here.
 */
public final class DuckDbSink implements EventSink {
    static final int BATCH_ROWS = 200_000;

    private final Connection connection;
    private final CsvBatch flows;
    private final CsvBatch syncs;
    private final CsvBatch syncHosts;
    private final CsvBatch events;
    private final FindingTables findings;
    private final AppEventTables appEvents;
    /** The findings' and application events' batches. */
    private final List<CsvBatch> tableBatches;
    /** Every batch, loaded at the end of each input batch and discarded at close. */
    private final List<CsvBatch> all;
    private long nextSyncId = 1;
    private final EveContext context;
    private final JsonFactory json = new JsonFactory();

    public DuckDbSink(Path file, EveContext context) throws IOException {
        this.context = context;
        Path dir = file.toAbsolutePath().getParent();
        this.flows = new CsvBatch(dir.resolve(".hyakuyobako-flow.csv"), "flow");
        this.events = new CsvBatch(dir.resolve(".hyakuyobako-event.csv"), "event");
        this.syncs = new CsvBatch(dir.resolve(".hyakuyobako-sync.csv"), "sync");
        this.syncHosts = new CsvBatch(dir.resolve(".hyakuyobako-sync-host.csv"), "sync_host");
        this.findings = new FindingTables(dir, context.peers());
        this.appEvents = new AppEventTables(dir, context);
        this.tableBatches = new ArrayList<>(findings.batches());
        tableBatches.addAll(appEvents.batches());
        this.all = new ArrayList<>(List.of(flows, syncs, syncHosts, events));
        all.addAll(tableBatches);
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
            connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                for (String ddl : StoreSchema.DDL) {
                    s.execute(ddl);
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot create the DuckDB store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records one setting of the run in table {@code run} at once (not batched: a handful of rows
     * that readers such as {@code serve} need to interpret the rest, e.g. {@code home_net}).
     */
    public void recordRun(String key, String value) throws IOException {
        try (java.sql.PreparedStatement p = connection.prepareStatement("INSERT INTO run VALUES (?, ?)")) {
            p.setString(1, key);
            p.setString(2, value);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("writing the run's settings into the DuckDB store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void accept(Event event) throws IOException {
        if (event instanceof FlowEvent fe) {
            appendFlow(fe);
            if (flows.rows() >= BATCH_ROWS) {
                load(flows);
            }
        } else if (event instanceof SyncEvent se) {
            appendSync(se);
            if (syncHosts.rows() >= BATCH_ROWS) {
                load(syncs);
                load(syncHosts);
            }
        } else if (findings.accept(event) || appEvents.accept(event)) {
            for (CsvBatch b : tableBatches) {
                if (b.rows() >= BATCH_ROWS) {
                    load(b);
                }
            }
        } else {
            appendGeneric(event);
            if (events.rows() >= BATCH_ROWS) {
                load(events);
            }
        }
    }

    private void appendFlow(FlowEvent event) throws IOException {
        FlowRecord f = event.flow();
        flows.number(f.flowId())
                .text(context.sensorName(f.sensorId()))
                .text(Timestamps.sql(f.startNanos()))
                .text(Timestamps.sql(f.endNanos()))
                .number(f.durationNanos() / 1e9)
                .text(f.protoName())
                .text(event.srcIp())
                .number(f.srcPort())
                .text(event.destIp())
                .number(f.destPort())
                .number(f.pktsToServer())
                .number(f.pktsToClient())
                .number(f.bytesToServer())
                .number(f.bytesToClient())
                .number(f.origIpBytes())
                .number(f.respIpBytes())
                .number(f.origSeqBytes())
                .number(f.respSeqBytes())
                .text(f.connState())
                .text(f.history())
                .number(f.tcpFlagsToServer())
                .number(f.tcpFlagsToClient())
                .text(event.communityId())
                .text(f.reason())
                .text(context.fileName(f.firstFileId()))
                .number(f.firstFileOffset())
                .text(f.appProto());
        location(flows, f.srcHi(), f.srcLo());
        location(flows, f.destHi(), f.destLo());
        flows.endRow();
    }

    /** Country, AS number and AS name of an outside address; three NULLs otherwise. */
    private void location(CsvBatch b, long hi, long lo) throws IOException {
        PeerLocator peers = context.peers();
        if (!peers.isOutside(hi, lo)) {
            b.text(null).text(null).text(null);
            return;
        }
        GeoDatabase db = peers.database();
        int as = db.asIndex(hi, lo);
        b.text(db.country(hi, lo));
        if (as < 0) {
            b.text(null).text(null);
        } else {
            b.number(Integer.toUnsignedLong(db.asNumberAt(as))).text(db.asNameAt(as));
        }
    }

    /** Seed 002's Table 1 as two tables: one row per event, one per listed host. */
    private void appendSync(SyncEvent e) throws IOException {
        long id = nextSyncId++;
        syncs.number(id)
                .text(Timestamps.sql(e.timestampNanos()))
                .text(e.direction())
                .text(e.externalIp())
                .number(e.tolerance())
                .number(e.hosts().size())
                .number(e.hostsOmitted())
                .endRow();
        for (SyncEvent.Member m : e.hosts()) {
            syncHosts.number(id)
                    .text(m.host())
                    .text(context.sensorName(m.sensorId()))
                    .number(m.srcPort())
                    .number(m.destPort())
                    .text(m.proto())
                    .number((m.firstNanos() - e.timestampNanos()) / 1e9)
                    .endRow();
        }
    }

    private void appendGeneric(Event event) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = json.createGenerator(text)) {
            g.writeStartObject();
            event.writeFields(g, context);
            g.writeEndObject();
        }
        events.text(event.eventType())
                .text(Timestamps.sql(event.timestampNanos()))
                .text(event.sensorId() >= 0 ? context.sensorName(event.sensorId()) : null)
                .text(text.toString())
                .endRow();
    }

    private void load(CsvBatch batch) throws IOException {
        try {
            batch.load(connection);
        } catch (SQLException e) {
            throw new IOException("loading rows into the DuckDB store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void endOfBatch() throws IOException {
        for (CsvBatch b : all) {
            load(b);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            endOfBatch();
            try (Statement s = connection.createStatement()) {
                s.execute("CHECKPOINT");
            }
            connection.close();
        } catch (SQLException e) {
            throw new IOException("closing the DuckDB store failed: " + e.getMessage(), e);
        } finally {
            for (CsvBatch b : all) {
                b.discard();
            }
        }
    }
}
