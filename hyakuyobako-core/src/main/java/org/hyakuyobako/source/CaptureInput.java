package org.hyakuyobako.source;

import java.nio.file.Path;

/**
 * One input file and the sensor it belongs to.
 *
 * @param path the file
 * @param sensorId index of its sensor in the analysis
 * @param fileId index of the file in the analysis (stable, used in evidence references)
 */
public record CaptureInput(Path path, int sensorId, int fileId) {
    /** The name used in messages: the path as the user gave it. */
    public String displayName() {
        return path.toString();
    }
}
