package org.hyakuyobako.correlate;

import java.util.Locale;

/**
 * Where a method's evidence sits in a bot's life cycle (BotHunter's dialog model): an infection
 * seen through several stages is more certain than one seen many times at one stage.
 */
public enum Stage {
    INBOUND, EXPLOIT, DOWNLOAD, CNC, OUTBOUND, OTHER;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Stage parse(String s) {
        for (Stage st : values()) {
            if (st.configName().equals(s)) {
                return st;
            }
        }
        return null;
    }
}
