package org.hyakuyobako.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.hyakuyobako.net.HomeNet;

/**
 * Address and port variables ({@code $HOME_NET}, {@code $HTTP_PORTS}) as Suricata's default
 * suricata.yaml defines them, overridden by a user's suricata.yaml ({@code vars: address-groups /
 * port-groups}) or Snort vars file ({@code ipvar}, {@code portvar}, {@code var} lines).
 */
public final class RuleVariables {
    private final Map<String, String> addresses = new HashMap<>();
    private final Map<String, String> ports = new HashMap<>();

    /** Suricata 7's defaults, with HOME_NET from the run's home net. */
    public static RuleVariables defaults(HomeNet homeNet) {
        RuleVariables v = new RuleVariables();
        v.addresses.put("HOME_NET", "[" + String.join(",", homeNet.prefixes().stream().map(Object::toString).toList()) + "]");
        v.addresses.put("EXTERNAL_NET", "!$HOME_NET");
        for (String name : List.of("HTTP_SERVERS", "SMTP_SERVERS", "SQL_SERVERS", "DNS_SERVERS", "TELNET_SERVERS",
                "AIM_SERVERS", "DC_SERVERS", "DNP3_SERVER", "DNP3_CLIENT", "MODBUS_CLIENT", "MODBUS_SERVER",
                "ENIP_CLIENT", "ENIP_SERVER", "SIP_SERVERS")) {
            v.addresses.put(name, "$HOME_NET");
        }
        v.ports.put("HTTP_PORTS", "80");
        v.ports.put("SHELLCODE_PORTS", "!80");
        v.ports.put("ORACLE_PORTS", "1521");
        v.ports.put("SSH_PORTS", "22");
        v.ports.put("DNP3_PORTS", "20000");
        v.ports.put("MODBUS_PORTS", "502");
        v.ports.put("FILE_DATA_PORTS", "[$HTTP_PORTS,110,143]");
        v.ports.put("FTP_PORTS", "21");
        v.ports.put("GENEVE_PORTS", "6081");
        v.ports.put("VXLAN_PORTS", "4789");
        v.ports.put("TEREDO_PORTS", "3544");
        v.ports.put("SIP_PORTS", "[5060,5061,5600]");
        return v;
    }

    public String address(String name) {
        return addresses.get(name);
    }

    public String port(String name) {
        return ports.get(name);
    }

    public void setAddress(String name, String value) {
        addresses.put(name, value);
    }

    public void setPort(String name, String value) {
        ports.put(name, value);
    }

    /**
     * Reads a suricata.yaml (anything with a {@code vars:} map) or a Snort vars file, recognised by
     * content: a line starting with {@code ipvar}, {@code portvar} or {@code var} makes it Snort's.
     */
    public void load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        boolean snort = text.lines().map(String::strip).anyMatch(l -> l.startsWith("ipvar ") || l.startsWith("portvar ")
                || l.startsWith("var "));
        if (snort) {
            loadSnort(text, file);
        } else {
            loadYaml(text, file);
        }
    }

    private void loadSnort(String text, Path file) throws IOException {
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            if (parts.length < 3) {
                continue;     // other Snort configuration lines (preprocessor, include) are not ours
            }
            switch (parts[0]) {
                case "ipvar" -> addresses.put(parts[1], parts[2]);
                case "portvar" -> ports.put(parts[1], parts[2]);
                case "var" -> {
                    // Snort 2's untyped var: a port list or an address list, told apart by what it holds.
                    if (parts[2].matches("[\\[\\]!$0-9:,A-Z_a-z ]+") && !parts[2].contains(".") && !parts[1].endsWith("_NET")
                            && !parts[1].endsWith("_SERVERS")) {
                        ports.put(parts[1], parts[2]);
                    } else {
                        addresses.put(parts[1], parts[2]);
                    }
                }
                default -> {
                }
            }
        }
    }

    private void loadYaml(String text, Path file) throws IOException {
        // Suricata's files start with "%YAML 1.1" and "---", which the YAML parser takes as they are.
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(text);
        JsonNode vars = root == null ? null : root.path("vars");
        if (vars == null || vars.isMissingNode()) {
            throw new IOException(file + ": no 'vars:' section (expected a suricata.yaml or a Snort vars file)");
        }
        copy(vars.path("address-groups"), addresses);
        copy(vars.path("port-groups"), ports);
    }

    private static void copy(JsonNode group, Map<String, String> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = group.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            into.put(e.getKey(), e.getValue().asText());
        }
    }
}
