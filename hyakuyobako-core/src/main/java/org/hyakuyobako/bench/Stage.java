package org.hyakuyobako.bench;

/** How much of the pipeline a benchmark run exercises. */
public enum Stage {
    /** Read and merge the captures; touch every packet's length. */
    read,
    /** Read and decode link, IP and transport headers (checksums verified). */
    decode,
    /** Read, decode and account flows, building every flow record. */
    flows,
    /** The whole analyze pipeline, writing eve.json and the DuckDB store to a scratch directory. */
    analyze
}
