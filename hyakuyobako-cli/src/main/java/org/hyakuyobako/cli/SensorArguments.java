package org.hyakuyobako.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hyakuyobako.pipeline.SensorSpec;

/**
 * Turns {@code --sensor NAME=FILE[,FILE...]} and bare FILE arguments into sensors, as
 * docs/INTERFACE describes: a bare file is a sensor named after the file without its extensions;
 * a directory stands for the regular files in it, in name order.
 */
final class SensorArguments {
    private static final List<String> EXTENSIONS = List.of(".gz", ".pcapng", ".pcap", ".cap", ".dmp", ".ntar");

    private SensorArguments() {
    }

    static List<SensorSpec> parse(List<String> sensorOptions, List<Path> bareFiles) {
        Map<String, List<Path>> sensors = new LinkedHashMap<>();
        for (String option : sensorOptions) {
            int eq = option.indexOf('=');
            if (eq <= 0 || eq == option.length() - 1) {
                throw new UserError("--sensor needs NAME=FILE[,FILE...], got '" + option + "'");
            }
            String name = option.substring(0, eq).trim();
            List<Path> files = sensors.computeIfAbsent(name, k -> new ArrayList<>());
            for (String f : option.substring(eq + 1).split(",")) {
                if (!f.isBlank()) {
                    files.addAll(expand(Path.of(f.trim())));
                }
            }
        }
        for (Path file : bareFiles) {
            String name = sensorName(file);
            String unique = name;
            for (int i = 2; sensors.containsKey(unique); i++) {
                unique = name + "-" + i;
            }
            sensors.put(unique, new ArrayList<>(expand(file)));
        }
        List<SensorSpec> result = new ArrayList<>();
        sensors.forEach((name, files) -> result.add(new SensorSpec(name, files)));
        return result;
    }

    /** The file name without directory and capture extensions: {@code /x/hp1.pcap.gz} gives {@code hp1}. */
    static String sensorName(Path file) {
        Path fileName = file.getFileName();
        String name = fileName == null ? file.toString() : fileName.toString();
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String ext : EXTENSIONS) {
                if (name.toLowerCase(java.util.Locale.ROOT).endsWith(ext) && name.length() > ext.length()) {
                    name = name.substring(0, name.length() - ext.length());
                    stripped = true;
                }
            }
        }
        return name;
    }

    private static List<Path> expand(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> s = Files.list(path)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UserError("cannot list directory " + path + ": " + e.getMessage());
        }
    }
}
