package org.hyakuyobako.rules;

/**
 * {@code flow}: the connection's state and the packet's direction.
 *
 * @param toServer to_server / from_client; {@code toClient} likewise
 * @param onlyStream only reassembled stream data; {@code noStream} only packets
 */
public record FlowOption(boolean established, boolean notEstablished, boolean stateless, boolean toServer, boolean toClient,
                         boolean onlyStream, boolean noStream) {
    public static final FlowOption NONE = new FlowOption(false, false, false, false, false, false, false);

    static FlowOption parse(String value) throws UnsupportedRuleException {
        boolean est = false;
        boolean notEst = false;
        boolean stateless = false;
        boolean toServer = false;
        boolean toClient = false;
        boolean onlyStream = false;
        boolean noStream = false;
        for (String part : value.split(",")) {
            switch (part.strip()) {
                case "established" -> est = true;
                case "not_established" -> notEst = true;
                case "stateless" -> stateless = true;
                case "to_server", "from_client" -> toServer = true;
                case "to_client", "from_server" -> toClient = true;
                case "only_stream" -> onlyStream = true;
                case "no_stream" -> noStream = true;
                case "no_frag", "only_frag" -> {
                    // Fragments are reassembled by the decoder before rules see them.
                }
                default -> throw new UnsupportedRuleException("unsupported flow option", part.strip());
            }
        }
        if (toServer && toClient) {
            throw new UnsupportedRuleException("flow to both sides");
        }
        return new FlowOption(est, notEst, stateless, toServer, toClient, onlyStream, noStream);
    }
}
