/** The node palette: node types by category with search, built from the catalog's specs. */
package dev.flowlens.app.palette;
