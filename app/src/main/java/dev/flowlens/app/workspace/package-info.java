/** The window and the open document: files, recent files, examples, recovery copy, themes. */
package dev.flowlens.app.workspace;
