package org.hyakuyobako.event;

import java.util.List;

/**
 * What an event needs to be written but does not carry itself: the names behind sensor and file
 * ids. Events hold ids (ints) so the hot path never touches strings.
 */
public record EveContext(List<String> sensorNames, List<String> fileNames) {
    public String sensorName(int id) {
        return id >= 0 && id < sensorNames.size() ? sensorNames.get(id) : "sensor" + id;
    }

    public String fileName(int id) {
        return id >= 0 && id < fileNames.size() ? fileNames.get(id) : null;
    }
}
