/** The FlowLens editor: the application class and its launcher. Views talk to the runtime through its api package only. */
package dev.flowlens.app;
