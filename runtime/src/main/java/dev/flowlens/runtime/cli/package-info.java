/** Command-line entry points (picocli). The only package that writes to standard output. */
package dev.flowlens.runtime.cli;
