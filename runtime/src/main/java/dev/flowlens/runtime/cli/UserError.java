package dev.flowlens.runtime.cli;

/** A problem the user can fix (a file that does not exist or does not parse): one line, then an exit code. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserError(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
