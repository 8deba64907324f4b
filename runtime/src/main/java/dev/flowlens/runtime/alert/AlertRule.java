package dev.flowlens.runtime.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When and where to send an alert. {@code scheduleId} null means every schedule (the default rule).
 *
 * @param failedItemsAbove  alert when a run ends with more failed items than this; null turns the condition off
 * @param flaggedItemsAbove alert when a run flags more items than this (0: any flagged item); null turns it off
 * @param target           the webhook URL, or comma-separated e-mail addresses
 * @param template         how a webhook body is shaped (ignored for e-mail)
 * @param smtp             the mail server for e-mail rules; null for webhooks
 */
public record AlertRule(String id, String scheduleId, boolean onFailure, boolean onRecovery, Integer failedItemsAbove,
                        Integer flaggedItemsAbove, Channel channel, String target, WebhookTemplate template, SmtpSettings smtp, Instant createdAt) {

    public enum Channel { WEBHOOK, EMAIL }

    public AlertRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(target, "target");
        template = template == null ? WebhookTemplate.GENERIC : template;
        if (channel == Channel.EMAIL && smtp == null) {
            throw new IllegalArgumentException("an e-mail alert needs an SMTP server (--smtp-host)");
        }
        if (failedItemsAbove != null && failedItemsAbove < 0) {
            throw new IllegalArgumentException("--failed-items-above must be 0 or more, got " + failedItemsAbove);
        }
        if (flaggedItemsAbove != null && flaggedItemsAbove < 0) {
            throw new IllegalArgumentException("--flagged-above must be 0 or more, got " + flaggedItemsAbove);
        }
        createdAt = createdAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public Optional<String> scheduleIdOpt() {
        return Optional.ofNullable(scheduleId);
    }

    /** "on failure, recovery of every schedule -> webhook URL (slack)", for lists in the CLI and the app. */
    public String describe() {
        String where = channel == Channel.WEBHOOK
                ? "webhook " + target + " (" + word(template) + ")"
                : "e-mail " + target + " via " + smtp.host() + ":" + smtp.port() + " (" + word(smtp.security()) + ")";
        return "on " + describeConditions() + " of " + (scheduleId == null ? "every schedule" : "schedule " + scheduleId)
                + " -> " + where;
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** "failure, recovery, failed items > 3, flagged items > 0", for lists. */
    public String describeConditions() {
        StringBuilder sb = new StringBuilder();
        if (onFailure) {
            sb.append("failure");
        }
        if (onRecovery) {
            sb.append(sb.length() > 0 ? ", " : "").append("recovery");
        }
        if (failedItemsAbove != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("failed items > ").append(failedItemsAbove);
        }
        if (flaggedItemsAbove != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("flagged items > ").append(flaggedItemsAbove);
        }
        return sb.length() == 0 ? "never" : sb.toString();
    }
}
