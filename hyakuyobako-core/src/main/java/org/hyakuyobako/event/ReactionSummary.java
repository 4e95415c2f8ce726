package org.hyakuyobako.event;

import java.util.List;

/**
 * What a C&C's bots did after its commands, named by kind: {@code spam} (the relays, i.e. MTAs, they
 * mailed through), {@code scan} (the targets they swept), {@code ddos} (the victims they flooded),
 * or {@code contacted} (fresh nodes reached in step that fit none of these: a download server, a resolver).
 *
 * @param count distinct endpoints of this kind
 * @param sample up to ten of them
 */
public record ReactionSummary(String kind, int port, int count, List<String> sample) {
}
