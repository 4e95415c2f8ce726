package org.hyakuyobako.rules;

import java.util.List;

/**
 * {@code flowbits}: named flags on the connection, set by one rule and tested by a later one.
 *
 * @param names one name, or several joined by {@code |} (any of them) or {@code &} (all of them)
 */
public record FlowbitsOption(Command command, List<String> names, boolean any) {
    public enum Command { SET, UNSET, TOGGLE, ISSET, ISNOTSET }

    public boolean isCondition() {
        return command == Command.ISSET || command == Command.ISNOTSET;
    }
}
