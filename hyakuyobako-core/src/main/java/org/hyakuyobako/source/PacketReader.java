package org.hyakuyobako.source;

import java.io.Closeable;
import java.io.IOException;

/** Reads the packets of one capture file, in file order, into a reused {@link PacketRecord}. */
public interface PacketReader extends Closeable {
    /**
     * Fills {@code record} with the next packet.
     *
     * @return false at the end of the file (or when the rest of it is unusable, after reporting why)
     */
    boolean next(PacketRecord record) throws IOException;

    /** Progress in the on-disk file, in bytes. */
    long positionOnDisk();

    /** Size of the on-disk file, in bytes. */
    long sizeOnDisk();
}
