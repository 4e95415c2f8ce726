package org.hyakuyobako.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import org.hyakuyobako.net.geo.GeoDatabase;
import org.hyakuyobako.net.geo.PeerLocation;
import org.hyakuyobako.net.geo.PeerLocator;

/**
 * Country and autonomous system of an outside address in eve.json, named as the Elastic Common
 * Schema names them ({@code source.geo.country_iso_code}, {@code source.as.number},
 * {@code source.as.organization.name}), with EVE's {@code src_}/{@code dest_} prefixes:
 * {@code "dest_geo": {"country_iso_code": "NL"}, "dest_as": {"number": 1136, "organization": {"name": "KPN B.V."}}}.
 * Unknown parts are left out, as EVE leaves out what it does not know (docs/eve.md).
 */
public final class GeoFields {
    /** The two field names for one address, encoded once: writing a flow builds and encodes no names. */
    public record Names(SerializedString geo, SerializedString as) {
        Names(String geo, String as) {
            this(new SerializedString(geo), new SerializedString(as));
        }
    }

    public static final Names SRC = new Names("src_geo", "src_as");
    public static final Names DEST = new Names("dest_geo", "dest_as");
    /** For an event about one address (cnc) or inside an object that names it (a DNS answer). */
    public static final Names BARE = new Names("geo", "as");
    private static final SerializedString COUNTRY = new SerializedString("country_iso_code");
    private static final SerializedString NUMBER = new SerializedString("number");
    private static final SerializedString ORGANIZATION = new SerializedString("organization");
    private static final SerializedString NAME = new SerializedString("name");

    private GeoFields() {
    }

    /** The geo and AS fields for an address given as two longs; nothing for inside or unknown ones. */
    public static void write(JsonGenerator g, Names names, PeerLocator peers, long hi, long lo) throws IOException {
        if (!peers.isOutside(hi, lo)) {
            return;
        }
        // The primitive lookups: a flow's location costs no allocation.
        GeoDatabase db = peers.database();
        String country = db.country(hi, lo);
        int as = db.asIndex(hi, lo);
        write(g, names, country, as < 0 ? 0 : db.asNumberAt(as), as < 0 ? null : db.asNameAt(as));
    }

    /** The same for a location already looked up (null writes nothing). */
    public static void write(JsonGenerator g, Names names, PeerLocation location) throws IOException {
        if (location != null) {
            write(g, names, location.countryIsoCode(), location.asn(), location.asOrganization());
        }
    }

    private static void write(JsonGenerator g, Names names, String country, int asn, String organization) throws IOException {
        if (country != null) {
            g.writeFieldName(names.geo());
            g.writeStartObject();
            g.writeFieldName(COUNTRY);
            g.writeString(country);
            g.writeEndObject();
        }
        if (asn != 0) {
            g.writeFieldName(names.as());
            g.writeStartObject();
            g.writeFieldName(NUMBER);
            g.writeNumber(Integer.toUnsignedLong(asn));
            if (organization != null) {
                g.writeFieldName(ORGANIZATION);
                g.writeStartObject();
                g.writeFieldName(NAME);
                g.writeString(organization);
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }
}
