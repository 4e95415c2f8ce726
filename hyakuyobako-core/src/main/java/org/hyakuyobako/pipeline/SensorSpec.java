package org.hyakuyobako.pipeline;

import java.nio.file.Path;
import java.util.List;

/** A sensor (honeypot, tap, firewall) and the files it captured, in the order given. */
public record SensorSpec(String name, List<Path> files) {
    public SensorSpec {
        files = List.copyOf(files);
    }
}
