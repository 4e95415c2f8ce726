package org.hyakuyobako.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.hyakuyobako.net.HomeNet;

/**
 * The DuckDB store of one {@code analyze} run, opened read-only: several processes may read it at
 * once (a second {@code serve}, the DuckDB CLI), and nothing the web UI does can change it. Each
 * request works on its own duplicate of one connection, as DuckDB's JDBC driver recommends for
 * threads sharing a database.
 */
public final class ResultStore implements AutoCloseable {
    public static final String FILE = "hyakuyobako.duckdb";

    /** Work on a connection that is closed afterwards. */
    @FunctionalInterface
    public interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path dir;
    private final DuckDBConnection root;
    private final HomeNet homeNet;

    private ResultStore(Path dir, DuckDBConnection root, HomeNet homeNet) {
        this.dir = dir;
        this.root = root;
        this.homeNet = homeNet;
    }

    /** Opens {@code dir/hyakuyobako.duckdb}; a clear message if it is missing or still being written. */
    public static ResultStore open(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no DuckDB store here; run `hyakuyobako analyze --out " + dir + " ...` first");
        }
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try {
            DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), readOnly);
            return new ResultStore(dir.toAbsolutePath().normalize(), c, homeNetOf(c));
        } catch (SQLException e) {
            throw new IOException(file + ": cannot open the store read-only (is analyze still writing it?): " + e.getMessage(), e);
        }
    }

    /**
     * The home net the run used (table {@code run}); stores written before that table existed fall
     * back to Suricata's default, the private ranges.
     */
    private static HomeNet homeNetOf(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select value from run where key = 'home_net' limit 1")) {
            if (rs.next() && rs.getString(1) != null && !rs.getString(1).isBlank()) {
                return HomeNet.parse(rs.getString(1));
            }
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("run")) {
                throw e;
            }
        }
        return HomeNet.privateRanges();
    }

    public <T> T read(Query<T> query) throws SQLException {
        try (Connection c = root.duplicate()) {
            return query.run(c);
        }
    }

    public HomeNet homeNet() {
        return homeNet;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws SQLException {
        root.close();
    }
}
