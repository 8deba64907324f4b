/**
 * Operations in the app: the run history of every trigger (app, CLI, schedules, HTTP API) with past runs' results
 * and files, a workflow's dashboard, alert rules with a test send and desktop notifications of scheduled failures
 * and recoveries, and the model store. All through the runtime's {@code Operations} and {@code Models} facades,
 * called off the FX thread.
 */
package dev.flowlens.app.ops;
