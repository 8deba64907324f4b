/**
 * Prometheus metrics of a FlowLens process (Micrometer): runs, items and node latencies observed through run
 * events, schedule lag through the scheduler's listener, JVM memory. Served as {@code /api/metrics}.
 */
package dev.flowlens.runtime.metrics;
