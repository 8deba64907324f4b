package dev.flowlens.runtime.alert;

import dev.flowlens.core.model.SecretRef;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Sends the alert as a plain-text mail through Jakarta Mail (Eclipse Angus). STARTTLS is required, not merely
 * offered, when the rule asks for it, and certificates are checked against the host name.
 */
final class MailChannel implements AlertChannel {
    private final UnaryOperator<String> environment;
    private final Duration timeout;

    MailChannel(UnaryOperator<String> environment, Duration timeout) {
        this.environment = environment;
        this.timeout = timeout;
    }

    @Override
    public void send(AlertRule rule, Alert alert) throws MessagingException {
        SmtpSettings smtp = rule.smtp();
        Properties p = new Properties();
        String proto = smtp.security() == SmtpSettings.Security.SSL ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", smtp.host());
        p.put("mail." + proto + ".port", Integer.toString(smtp.port()));
        p.put("mail." + proto + ".auth", Boolean.toString(!smtp.user().isEmpty()));
        p.put("mail." + proto + ".connectiontimeout", Long.toString(timeout.toMillis()));
        p.put("mail." + proto + ".timeout", Long.toString(timeout.toMillis()));
        p.put("mail." + proto + ".writetimeout", Long.toString(timeout.toMillis()));
        if (smtp.security() == SmtpSettings.Security.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        } else if (smtp.security() == SmtpSettings.Security.SSL) {
            p.put("mail.smtps.ssl.checkserveridentity", "true");
        }
        Session session = Session.getInstance(p);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(smtp.from()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(rule.target()));
        message.setSubject(alert.subject(), StandardCharsets.UTF_8.name());
        message.setText(alert.text(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        try (Transport transport = session.getTransport(proto)) {
            if (smtp.user().isEmpty()) {
                transport.connect();
            } else {
                transport.connect(smtp.host(), smtp.port(), smtp.user(), password(smtp.password()));
            }
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** The password from its reference; the failure names the reference, never a value. */
    private String password(SecretRef ref) throws MessagingException {
        if (ref.source() != SecretRef.Source.ENV) {
            throw new MessagingException("SMTP password " + ref + " cannot be read: use env:NAME");
        }
        String value = environment.apply(ref.name());
        if (value == null || value.isEmpty()) {
            throw new MessagingException("SMTP password " + ref + " is not set; set the environment variable "
                    + ref.name() + " for the service");
        }
        return value;
    }
}
