package org.hyakuyobako.net.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.hyakuyobako.decode.IpAddresses;

/**
 * Country and autonomous system of an address, from the tables the build put into the jar
 * ({@link GeoTableCompiler}); nothing is fetched at run time. Loaded once, on first use, and
 * read-only after that, so any thread may look up. Lookups are binary searches that allocate
 * nothing, except {@link #locate} which makes the one record it returns.
 *
 * <p>This answers for any address the tables cover; which addresses are outside the monitored
 * network, and so deserve a location at all, is {@link PeerLocator}'s concern.
 */
public final class GeoDatabase {
    static final String RESOURCE = "org/hyakuyobako/net/geo/peer-locations.bin";
    /** Where the data's licence and attribution files are in the jar. */
    public static final String LICENCE_FOLDER = "META-INF/geo-data";

    private final GeoTables tables;

    public GeoDatabase(GeoTables tables) {
        this.tables = tables;
    }

    private static final class Bundled {
        static final GeoDatabase INSTANCE = load();

        private static GeoDatabase load() {
            try (InputStream in = GeoDatabase.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing: the build makes it (scripts/fetch-geo-data.sh, GeoTableCompiler)");
                }
                return new GeoDatabase(GeoTableFormat.read(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled peer-location table", e);
            }
        }
    }

    /** The tables bundled in the jar, loaded on first call. */
    public static GeoDatabase bundled() {
        return Bundled.INSTANCE;
    }

    /** ISO 3166-1 alpha-2 code of the address's country, or null. */
    public String country(long hi, long lo) {
        int index = IpAddresses.isV4(hi, lo) ? tables.v4Country().find((int) lo) : tables.v6Country().find(hi, lo);
        return index < 0 ? null : tables.countryCodes()[index];
    }

    /** The autonomous system announcing the address, or 0. */
    public int asn(long hi, long lo) {
        int index = asIndex(hi, lo);
        return index < 0 ? 0 : tables.asNames().numberAt(index);
    }

    /**
     * The index of the address's AS in the AS table, or -1: for callers that want both number and
     * name ({@link #asNumberAt}, {@link #asNameAt}) with one search.
     */
    public int asIndex(long hi, long lo) {
        return IpAddresses.isV4(hi, lo) ? tables.v4As().find((int) lo) : tables.v6As().find(hi, lo);
    }

    public int asNumberAt(int index) {
        return tables.asNames().numberAt(index);
    }

    /** The AS holder's name at an index, or null when the table has none. */
    public String asNameAt(int index) {
        return tables.asNames().nameAt(index);
    }

    /** The AS holder's name, or null. */
    public String asName(int asn) {
        return asn == 0 ? null : tables.asNames().name(asn);
    }

    /** Country and AS of the address, or null when the tables know neither. */
    public PeerLocation locate(long hi, long lo) {
        String country = country(hi, lo);
        int index = asIndex(hi, lo);
        if (country == null && index < 0) {
            return null;
        }
        return index < 0 ? new PeerLocation(country, 0, null) : new PeerLocation(country, asNumberAt(index), asNameAt(index));
    }

    public GeoTables tables() {
        return tables;
    }
}
