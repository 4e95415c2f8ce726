package org.hyakuyobako.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyakuyobako.decode.DecodedPacket;
import org.hyakuyobako.decode.PacketDecoder;
import org.hyakuyobako.net.Cidr;
import org.hyakuyobako.net.HomeNet;
import org.hyakuyobako.source.CaptureInput;
import org.hyakuyobako.source.CaptureOpener;
import org.hyakuyobako.source.InputDiagnostics;
import org.hyakuyobako.source.PacketReader;
import org.hyakuyobako.source.PacketRecord;

/**
 * The default home net (Suricata's, extended): the private ranges plus each sensor's own public
 * hosts, inferred from a sample of its captures by the role each address plays
 * ({@link MonitoredAddressChoice}): a honeypot or tapped server receives unsolicited connections
 * from many sources; else the sensor's host is the local end of most connections. Reads at most
 * {@link #SAMPLE} packets per sensor, its files in order. Firewall logs and flow files are not
 * probed (their inside hosts are the private ranges, or given with {@code --home-net}).
 */
public final class SensorAddressProbe {
    static final int SAMPLE = 200_000;

    /** One address added to the home net, with the sensor and the reason, for the start-up message. */
    public record Inferred(String sensor, String address, String reason) {
    }

    /** The home net, what was added to the base and why, what was left out and why, and what was ambiguous. */
    public record Inference(HomeNet homeNet, List<Inferred> added, List<String> notes, List<String> warnings) {
    }

    private SensorAddressProbe() {
    }

    /** Adds each sensor's own public hosts to a home net (the default of {@code analyze}). */
    public static HomeNet withSensorAddresses(HomeNet base, List<SensorSpec> sensors) {
        return infer(base, sensors).homeNet();
    }

    public static Inference infer(HomeNet base, List<SensorSpec> sensors) {
        HomeNet net = base;
        List<Inferred> added = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (SensorSpec s : sensors) {
            AddressSample sample = sample(base, s);
            if (sample == null) {
                continue;
            }
            MonitoredAddressChoice.Result r = MonitoredAddressChoice.choose(s.name(), sample);
            notes.addAll(r.notes());
            warnings.addAll(r.warnings());
            for (MonitoredAddressChoice.Chosen c : r.chosen()) {
                Cidr own = Cidr.parse(c.address());
                if (!net.prefixes().contains(own)) {
                    net = net.with(own);
                    added.add(new Inferred(s.name(), c.address(), c.reason()));
                }
            }
        }
        return new Inference(net, added, notes, warnings);
    }

    /** A sample of the sensor's capture files (flow inputs skipped), or null when none can be read. */
    static AddressSample sample(HomeNet base, SensorSpec sensor) {
        InputDiagnostics quiet = InputDiagnostics.silent();
        AddressSample sample = new AddressSample(base);
        PacketRecord r = new PacketRecord();
        DecodedPacket p = new DecodedPacket();
        boolean any = false;
        int read = 0;
        for (Path file : sensor.files()) {
            if (read >= SAMPLE || FlowInputs.isFlowInput(file)) {
                continue;
            }
            CaptureInput input = new CaptureInput(file, 0, 0);
            try (PacketReader reader = CaptureOpener.open(input, quiet)) {
                if (reader == null) {
                    continue;
                }
                any = true;
                PacketDecoder decoder = new PacketDecoder(quiet, List.of(input.displayName()), false);
                while (read < SAMPLE && reader.next(r)) {
                    read++;
                    if (decoder.decode(r, p)) {
                        sample.add(p);
                    }
                }
            } catch (Exception e) {
                // A file that cannot be probed is reported by the analysis itself, with its offset.
            }
        }
        return any ? sample : null;
    }
}
