/**
 * The workflow document as immutable records: workflows, placed nodes, wires, parameter values, secret
 * references and the editor's canvas layout. Ids are their own types; every edit returns a new value.
 */
package dev.flowlens.core.model;
