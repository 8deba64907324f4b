/**
 * Port types and the one assignability rule (direct, integer into number, list fan-out, single into list,
 * any) that the validator, the editor and the executor share.
 */
package dev.flowlens.core.type;
