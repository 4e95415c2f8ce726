package org.hyakuyobako.event;

/** An application event that belongs to one TCP connection (irc, weird, and the parsers to come). */
public interface ConnectionEvent extends Event {
    ConnectionRef conn();

    @Override
    default int sensorId() {
        return conn().sensorId();
    }
}
