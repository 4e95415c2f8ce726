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
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.hyakuyobako.event.Event;
import org.hyakuyobako.event.EveContext;
import org.hyakuyobako.event.FlowEvent;
import org.hyakuyobako.flow.FlowRecord;

/**
 * The embedded store: a DuckDB file a user can query with SQL (schema in docs/schema.md).
 *
 * <p>Rows go through DuckDB's Appender (a JDBC batch insert is some 300 times slower), flushed
 * every {@link #FLUSH_ROWS} rows and at the end of each batch, so an interrupted run leaves a
 * readable file holding everything up to the last flush. Event types without a typed table yet
 * land, whole, as JSON in table {@code event}: nothing written to eve.json is missing here.
 */
public final class DuckDbSink implements EventSink {
    static final int FLUSH_ROWS = 100_000;

    private final Connection connection;
    private final DuckDBAppender flows;
    private final DuckDBAppender events;
    private final EveContext context;
    private final JsonFactory json = new JsonFactory();
    private long pending;

    public DuckDbSink(Path file, EveContext context) throws IOException {
        this.context = context;
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
            connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                for (String ddl : StoreSchema.DDL) {
                    s.execute(ddl);
                }
            }
            DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
            flows = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "flow");
            events = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "event");
        } catch (SQLException e) {
            throw new IOException("cannot create the DuckDB store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void accept(Event event) throws IOException {
        try {
            if (event instanceof FlowEvent fe) {
                appendFlow(fe.flow());
            } else {
                appendGeneric(event);
            }
            if (++pending >= FLUSH_ROWS) {
                endOfBatch();
            }
        } catch (SQLException e) {
            throw new IOException("DuckDB append failed: " + e.getMessage(), e);
        }
    }

    private void appendFlow(FlowRecord f) throws SQLException {
        flows.beginRow()
                .append(f.flowId())
                .append(context.sensorName(f.sensorId()))
                .appendEpochMicros(f.startNanos() / 1000)
                .appendEpochMicros(f.endNanos() / 1000)
                .append(f.durationNanos() / 1e9)
                .append(f.protoName())
                .append(f.srcIp())
                .append(f.srcPort())
                .append(f.destIp())
                .append(f.destPort())
                .append(f.pktsToServer())
                .append(f.pktsToClient())
                .append(f.bytesToServer())
                .append(f.bytesToClient())
                .append(f.origIpBytes())
                .append(f.respIpBytes())
                .append(f.origSeqBytes())
                .append(f.respSeqBytes())
                .append(f.connState())
                .append(f.history())
                .append(f.tcpFlagsToServer())
                .append(f.tcpFlagsToClient())
                .append(f.communityId())
                .append(f.reason());
        String file = context.fileName(f.firstFileId());
        if (file == null) {
            flows.appendNull();
        } else {
            flows.append(file);
        }
        flows.append(f.firstFileOffset()).endRow();
    }

    private void appendGeneric(Event event) throws SQLException, IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = json.createGenerator(text)) {
            g.writeStartObject();
            event.writeFields(g, context);
            g.writeEndObject();
        }
        events.beginRow()
                .append(event.eventType())
                .appendEpochMicros(event.timestampNanos() / 1000);
        if (event.sensorId() >= 0) {
            events.append(context.sensorName(event.sensorId()));
        } else {
            events.appendNull();
        }
        events.append(text.toString()).endRow();
    }

    @Override
    public void endOfBatch() throws IOException {
        try {
            flows.flush();
            events.flush();
            pending = 0;
        } catch (SQLException e) {
            throw new IOException("DuckDB flush failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flows.close();
            events.close();
            try (Statement s = connection.createStatement()) {
                s.execute("CHECKPOINT");
            }
            connection.close();
        } catch (SQLException e) {
            throw new IOException("closing the DuckDB store failed: " + e.getMessage(), e);
        }
    }
}
