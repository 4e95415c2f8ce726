package org.hyakuyobako.event;

import java.util.List;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.net.geo.PeerLocator;

/**
 * What an event needs to be written but does not carry itself: the names behind sensor and file
 * ids, and where outside addresses are. Events hold ids (ints) and addresses (longs) so the hot
 * path never touches strings; countries and autonomous systems are looked up when a sink writes.
 */
public record EveContext(List<String> sensorNames, List<String> fileNames, PeerLocator peers) {
    /** Outside meaning outside the private ranges (the default home net). */
    public EveContext(List<String> sensorNames, List<String> fileNames) {
        this(sensorNames, fileNames, PeerLocator.bundled(HomeNet.privateRanges()));
    }

    public String sensorName(int id) {
        return id >= 0 && id < sensorNames.size() ? sensorNames.get(id) : "sensor" + id;
    }

    public String fileName(int id) {
        return id >= 0 && id < fileNames.size() ? fileNames.get(id) : null;
    }
}
