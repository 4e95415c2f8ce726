package org.hyakuyobako.net.geo;

/**
 * Where an outside address is: its country and its autonomous system, each as far as the bundled
 * data knows (docs/adr/0022-geo-and-asn-data.md).
 *
 * @param countryIsoCode ISO 3166-1 alpha-2 code ("NL"), or null when unknown
 * @param asn the autonomous system number, or 0 when unknown
 * @param asOrganization the AS holder's name, or null when unknown
 */
public record PeerLocation(String countryIsoCode, int asn, String asOrganization) {
    public boolean isEmpty() {
        return countryIsoCode == null && asn == 0;
    }

    /** "NL AS1234 Example BV", the short form reports and evidence print; "" when nothing is known. */
    public String label() {
        StringBuilder sb = new StringBuilder();
        if (countryIsoCode != null) {
            sb.append(countryIsoCode);
        }
        if (asn != 0) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append("AS").append(Integer.toUnsignedString(asn));
            if (asOrganization != null) {
                sb.append(' ').append(asOrganization);
            }
        }
        return sb.toString();
    }
}
