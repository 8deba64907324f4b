/**
 * The runtime's public API, and the only part of the runtime the app may use: opening a runtime, the node
 * catalogue, validation, runs and their events and results, schedules, and previews of outputs.
 */
package dev.flowlens.runtime.api;
