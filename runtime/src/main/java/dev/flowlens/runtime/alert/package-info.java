/**
 * Alerts about scheduled runs: rules (on failure, on recovery, on failed items), channels (webhook templates and
 * SMTP e-mail), and the dispatcher that delivers them off the run's threads with retries and records each delivery.
 */
package dev.flowlens.runtime.alert;
