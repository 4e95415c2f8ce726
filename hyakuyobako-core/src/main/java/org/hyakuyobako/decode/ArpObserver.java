package org.hyakuyobako.decode;

/**
 * Told of every ARP packet (Ethernet and Linux cooked captures): ARP never becomes a flow, yet an
 * ARP sweep is how a bot, or nmap, finds its neighbours on the local link.
 */
public interface ArpObserver {
    /**
     * @param opcode 1 request, 2 reply
     * @param senderIp sender protocol address (IPv4, as an int)
     * @param targetIp target protocol address
     */
    void arp(long timestampNanos, int sensorId, int opcode, int senderIp, int targetIp);
}
