package dev.flowlens.core.spec;

/** Behaviour the executor and the editor need to know about a node type. */
public enum NodeFlag {
    /** Writes or shows results (reports, previews); a run is pointless without one. */
    OUTPUT,
    /** Gives a different answer for the same inputs (a remote model, the clock): never served from the cache. */
    NON_DETERMINISTIC,
    /**
     * Marks items for a person to review (a moderation verdict): the rows of its {@code flagged} table output
     * are the run's flagged items, which summaries, history and alert conditions count.
     */
    FLAGS_ITEMS
}
