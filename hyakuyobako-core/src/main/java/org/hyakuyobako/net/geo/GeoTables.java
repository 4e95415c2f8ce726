package org.hyakuyobako.net.geo;

/**
 * The peer-location data in the form lookups use: country ranges whose values index
 * {@code countryCodes}, AS ranges whose values are AS numbers, and the AS names.
 */
public record GeoTables(String[] countryCodes, Ipv4Ranges v4Country, Ipv6Ranges v6Country,
                        Ipv4Ranges v4As, Ipv6Ranges v6As, AsNames asNames) {
}
