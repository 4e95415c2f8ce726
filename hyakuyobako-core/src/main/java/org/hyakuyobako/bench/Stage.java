package org.hyakuyobako.bench;

/** How much of the pipeline a benchmark run exercises. */
public enum Stage {
    /** Read and merge the captures; touch every packet's length. */
    read,
    /** Read and decode link, IP and transport headers (checksums verified). */
    decode,
    /** Read, decode and account flows, building every flow record. */
    flows,
    /**
     * Flows plus the application layer: TCP reassembly, protocol identification, the IRC parser and
     * the IRC C&C analysis; events are counted, not written, so the figure is the parsing cost.
     */
    app,
    /** The whole analyze pipeline, writing eve.json and the DuckDB store to a scratch directory. */
    analyze
}
