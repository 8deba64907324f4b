/**
 * The local HTTP API: REST endpoints and the {@code /api/events} WebSocket over Javalin, bound to loopback by
 * default, with token auth, size limits, a bounded run queue and path roots. {@link dev.flowlens.runtime.http.ApiServer}
 * is the entry point; everything else here is its parts. Runs go through {@link dev.flowlens.runtime.api.FlowLens}
 * only, like every other client of the runtime.
 */
package dev.flowlens.runtime.http;
