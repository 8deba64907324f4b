package dev.flowlens.runtime.alert;

import dev.flowlens.core.model.SecretRef;
import java.util.Objects;

/**
 * The mail server for e-mail alerts. The password is a {@link SecretRef} ({@code env:NAME}) resolved at send time,
 * so the store never holds it.
 *
 * @param security STARTTLS (port 587), SSL (SMTPS, port 465), or NONE (a local relay only)
 * @param user     empty for a server without authentication
 * @param password null when {@code user} is empty
 */
public record SmtpSettings(String host, int port, Security security, String user, SecretRef password, String from) {
    public enum Security { STARTTLS, SSL, NONE }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        user = user == null ? "" : user;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--smtp-port must be between 1 and 65535, got " + port);
        }
        if (!user.isEmpty() && password == null) {
            throw new IllegalArgumentException("--smtp-user needs --smtp-password env:NAME (a secret reference, never the password)");
        }
    }
}
