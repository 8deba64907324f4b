/**
 * The {@code flowlens} command line: picocli commands that print to their command line's writers and return
 * exit codes. The only package allowed to write to the terminal.
 */
package dev.flowlens.runtime.cli;
