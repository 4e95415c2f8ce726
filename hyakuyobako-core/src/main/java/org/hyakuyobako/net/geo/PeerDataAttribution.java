package org.hyakuyobako.net.geo;

/**
 * The credit owed for the bundled location data, for every page that shows a country or AS
 * (report.html, the web UI) and the docs. The AS table is CC BY 4.0 (RouteViews, DB-IP, NRO: DB-IP
 * asks web pages for a link back); the country table is CC0 and credited as a courtesy.
 */
public final class PeerDataAttribution {
    public static final String TEXT = "Autonomous systems: ip-location-db asn (RouteViews, DB-IP, NRO), CC BY 4.0;"
            + " IP Geolocation by DB-IP (https://db-ip.com). Countries: ip-location-db geo-whois-asn-country, CC0.";
    public static final String HTML = "Autonomous systems: ip-location-db asn (<a href=\"https://www.routeviews.org/\">RouteViews</a>,"
            + " <a href=\"https://db-ip.com\">IP Geolocation by DB-IP</a>, <a href=\"https://www.nro.net/\">NRO</a>),"
            + " <a href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>."
            + " Countries: ip-location-db geo-whois-asn-country, CC0.";

    private PeerDataAttribution() {
    }
}
