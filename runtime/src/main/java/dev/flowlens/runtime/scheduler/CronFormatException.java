package dev.flowlens.runtime.scheduler;

/**
 * A cron expression that cannot be parsed. The message names the field and its 1-based character position,
 * e.g. {@code cron "0 25 * * *": hour field "25" at position 3: value 25 is not in range 0-23}.
 */
public final class CronFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String expression;
    private final int position;

    public CronFormatException(String expression, int position, String message) {
        super(message);
        this.expression = expression;
        this.position = position;
    }

    public String expression() {
        return expression;
    }

    /** Where the faulty part starts, counting characters from 1; 0 when the expression as a whole is wrong. */
    public int position() {
        return position;
    }
}
