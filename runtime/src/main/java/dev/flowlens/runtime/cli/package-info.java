/**
 * The {@code flowlens} command line: {@link dev.flowlens.runtime.cli.FlowLensCli} and its subcommands. The
 * only package that writes to the console directly; everything it shows comes from the runtime's API.
 */
package dev.flowlens.runtime.cli;
