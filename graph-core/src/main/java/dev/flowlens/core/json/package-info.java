/**
 * The workflow file format: writing a stable, pretty JSON document, reading it back with one clear error
 * (line, column, pointer) for a broken file, and migrating older format versions on the JSON tree.
 */
package dev.flowlens.core.json;
