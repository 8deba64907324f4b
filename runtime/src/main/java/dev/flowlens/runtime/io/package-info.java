/**
 * Reading and writing the files users give and get: strict image decoding with size limits, atomic
 * writes, CSV tables. Every problem is a {@link dev.flowlens.runtime.io.FileProblem} whose message names
 * the file and can be shown to the user as it is.
 */
package dev.flowlens.runtime.io;
