package org.hyakuyobako.pipeline;

/** Told how far an analysis has got, every few tens of thousands of packets. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, packets) -> { };

    /**
     * @param bytesDone on-disk bytes read so far
     * @param bytesTotal on-disk bytes of all inputs
     * @param packets packets read so far
     */
    void progress(long bytesDone, long bytesTotal, long packets);
}
