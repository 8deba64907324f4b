/**
 * Running the open workflow and watching it: the run view model (runs off the FX thread, events batched onto
 * it once per pulse), the run panel (details of a node's result, previews, the run log).
 */
package dev.flowlens.app.run;
