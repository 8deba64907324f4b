/**
 * Validation of a workflow against a node catalog, returning issues as data attached to where they start,
 * and the {@code node.param=value} overrides that the CLI, schedules and the HTTP API share.
 */
package dev.flowlens.core.validation;
