package dev.flowlens.runtime.io;

import java.io.IOException;

/**
 * A file could not be read or written, for a reason the user can act on. The message names the file and
 * says what is wrong ("truncated.jpg: the JPEG data ends early (truncated file)"); it is shown as it is.
 */
public final class FileProblem extends IOException {
    private static final long serialVersionUID = 1L;

    public FileProblem(String message) {
        super(message);
    }

    public FileProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
