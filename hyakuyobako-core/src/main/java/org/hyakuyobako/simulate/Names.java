package org.hyakuyobako.simulate;

import java.util.List;
import java.util.SplittableRandom;

/** Domain names for simulated servers, made of common words so that none repeats a fixed list a detector could learn. */
final class Names {
    private static final List<String> WORDS = List.of("news", "shop", "mail", "cloud", "media", "photo", "video", "game", "travel",
            "bank", "sport", "music", "book", "learn", "health", "home", "tech", "data", "office", "market", "city", "world", "star",
            "blue", "green", "fast", "smart", "open", "daily", "metro");
    private static final List<String> TLDS = List.of("com", "net", "org", "info", "biz", "de", "jp", "ru", "cn", "co.uk", "fr");

    private Names() {
    }

    /** A name like {@code www.travelstar12.net}: {@code prefix} + two words, a number, a top-level domain. */
    static String domain(SplittableRandom r, String prefix) {
        return prefix + "." + Draws.pick(r, WORDS) + Draws.pick(r, WORDS) + r.nextInt(100) + "." + Draws.pick(r, TLDS);
    }
}
