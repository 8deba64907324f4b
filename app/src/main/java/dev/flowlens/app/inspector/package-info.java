/** The inspector (parameter editors built from ParamSpec kinds, live validation) and the Problems list. */
package dev.flowlens.app.inspector;
