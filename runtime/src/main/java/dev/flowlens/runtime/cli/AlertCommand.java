package dev.flowlens.runtime.cli;

import dev.flowlens.core.model.SecretRef;
import dev.flowlens.runtime.alert.AlertBook;
import dev.flowlens.runtime.alert.AlertDispatcher;
import dev.flowlens.runtime.alert.AlertRule;
import dev.flowlens.runtime.alert.SmtpSettings;
import dev.flowlens.runtime.alert.WebhookTemplate;
import dev.flowlens.runtime.scheduler.ScheduleStore;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowlens alert add|list|remove|test}: alert rules in the store that {@code flowlens service} reads. A rule
 * belongs to one schedule ({@code --schedule ID}) or, without it, to every schedule.
 */
@Command(name = "alert", description = "Alerts when scheduled runs fail, recover or have failed items.",
        mixinStandardHelpOptions = true,
        subcommands = {AlertCommand.Add.class, AlertCommand.ListRules.class, AlertCommand.Remove.class,
                AlertCommand.Test.class})
final class AlertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Exactly one channel. */
    static final class Channel {
        @Option(names = "--webhook", paramLabel = "URL", required = true, description = "POST JSON to this URL")
        String webhook;

        @Option(names = "--email", paramLabel = "ADDRESSES", required = true, description = "mail these addresses (comma-separated)")
        String email;
    }

    @Command(name = "add", description = "Add an alert rule.", mixinStandardHelpOptions = true)
    static final class Add extends StoreCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Channel channel;

        @Option(names = "--schedule", paramLabel = "ID", description = "only this schedule (default: every schedule)")
        String schedule;

        @Option(names = "--on", paramLabel = "EVENT", split = ",", defaultValue = "failure,recovery",
                description = "failure, recovery, or both (default: ${DEFAULT-VALUE}); 'none' with --failed-items-above or --flagged-above only")
        List<String> on;

        @Option(names = "--failed-items-above", paramLabel = "N",
                description = "also alert when a run ends with more than N failed items")
        Integer failedItemsAbove;

        @Option(names = "--flagged-above", paramLabel = "N",
                description = "also alert when a run flags more than N items for review (0: any; see data.flag_rows)")
        Integer flaggedAbove;

        @Option(names = "--template", paramLabel = "NAME", defaultValue = "generic",
                description = "webhook body: generic, slack, wecom, dingtalk, feishu (default: ${DEFAULT-VALUE})")
        String template;

        @Option(names = "--smtp-host", paramLabel = "HOST") String smtpHost;
        @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "587") int smtpPort;
        @Option(names = "--smtp-security", paramLabel = "starttls|ssl|none", defaultValue = "starttls",
                description = "TLS for the mail server (default: ${DEFAULT-VALUE}); none only for a local relay")
        String smtpSecurity;
        @Option(names = "--smtp-user", paramLabel = "USER") String smtpUser;
        @Option(names = "--smtp-password", paramLabel = "env:NAME",
                description = "where the service reads the SMTP password (a secret reference; the password is never stored)")
        String smtpPassword;
        @Option(names = "--from", paramLabel = "ADDRESS", description = "sender address (default: the SMTP user)") String from;

        @Override
        int run(ScheduleStore store, PrintWriter out, PrintWriter err) {
            boolean onFailure = on.contains("failure");
            boolean onRecovery = on.contains("recovery");
            for (String e : on) {
                if (!List.of("failure", "recovery", "none").contains(e)) {
                    throw new IllegalArgumentException("--on must be failure, recovery or none, got \"" + e + "\"");
                }
            }
            if (schedule != null && store.schedule(schedule).isEmpty()) {
                throw new IllegalArgumentException("--schedule " + schedule + ": no such schedule (flowlens schedule list)");
            }
            AlertRule rule;
            if (channel.webhook != null) {
                URI uri = URI.create(channel.webhook);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new IllegalArgumentException("--webhook must be an http(s) URL, got " + channel.webhook);
                }
                rule = new AlertRule(AlertBook.newId(), schedule, onFailure, onRecovery, failedItemsAbove, flaggedAbove,
                        AlertRule.Channel.WEBHOOK, channel.webhook,
                        ScheduleCommand.choice(WebhookTemplate.class, template, "--template"), null, Instant.now());
            } else {
                if (smtpHost == null) {
                    throw new IllegalArgumentException("--email needs --smtp-host");
                }
                SecretRef password = smtpPassword == null ? null : SecretRef.parse(smtpPassword);
                String sender = from != null ? from : smtpUser;
                if (sender == null) {
                    throw new IllegalArgumentException("--email needs --from (or --smtp-user as the sender)");
                }
                rule = new AlertRule(AlertBook.newId(), schedule, onFailure, onRecovery, failedItemsAbove, flaggedAbove,
                        AlertRule.Channel.EMAIL, channel.email, null, new SmtpSettings(smtpHost, smtpPort,
                        ScheduleCommand.choice(SmtpSettings.Security.class, smtpSecurity, "--smtp-security"), smtpUser,
                        password, sender), Instant.now());
            }
            new AlertBook(store).add(rule);
            out.println("Added alert " + rule.id() + ": " + describe(rule));
            out.println("Try it: flowlens alert test " + rule.id());
            return 0;
        }
    }

    static String describe(AlertRule r) {
        return r.describe();
    }

    @Command(name = "list", description = "List alert rules and the latest deliveries.", mixinStandardHelpOptions = true)
    static final class ListRules extends StoreCommand {
        @Override
        int run(ScheduleStore store, PrintWriter out, PrintWriter err) {
            AlertBook book = new AlertBook(store);
            List<AlertRule> rules = book.rules();
            if (rules.isEmpty()) {
                out.println("No alert rules. Add one with: flowlens alert add --webhook URL   or   --email ADDRESS --smtp-host HOST");
                return 0;
            }
            for (AlertRule r : rules) {
                out.println(r.id() + "  " + describe(r));
            }
            List<AlertBook.Delivery> recent = book.deliveries(null, 10);
            if (!recent.isEmpty()) {
                out.println("Latest deliveries:");
                for (AlertBook.Delivery d : recent) {
                    out.println("  " + d.at() + "  " + d.ruleId() + "  " + d.event().word()
                            + (d.runId() == null ? "" : " of run " + d.runId()) + ": "
                            + (d.sent() ? "sent" : "FAILED: " + d.detail()) + " (" + d.attempts() + " attempt(s))");
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Delete an alert rule.", mixinStandardHelpOptions = true)
    static final class Remove extends StoreCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(ScheduleStore store, PrintWriter out, PrintWriter err) {
            if (!new AlertBook(store).remove(id)) {
                throw new IllegalArgumentException("no alert rule " + id + " (flowlens alert list)");
            }
            out.println("Removed alert " + id + ".");
            return 0;
        }
    }

    @Command(name = "test", description = "Send a test alert through a rule's channel now and say whether it arrived.",
            mixinStandardHelpOptions = true)
    static final class Test extends StoreCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(ScheduleStore store, PrintWriter out, PrintWriter err) {
            AlertRule rule = new AlertBook(store).rule(id)
                    .orElseThrow(() -> new IllegalArgumentException("no alert rule " + id + " (flowlens alert list)"));
            try (AlertDispatcher alerts = new AlertDispatcher(store, System::getenv, 1, Duration.ZERO)) {
                AlertBook.Delivery d = alerts.sendTest(rule).get(60, TimeUnit.SECONDS);
                if (d.sent()) {
                    out.println("Test alert sent: " + describe(rule));
                    return 0;
                }
                err.println("flowlens alert test: not delivered: " + d.detail());
                return FlowLensCli.EXIT_FAILED;
            } catch (java.util.concurrent.TimeoutException e) {
                err.println("flowlens alert test: no answer within 60 s");
                return FlowLensCli.EXIT_FAILED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FlowLensCli.EXIT_CANCELLED;
            } catch (java.util.concurrent.ExecutionException e) {
                err.println("flowlens alert test: " + e.getCause().getMessage());
                return FlowLensCli.EXIT_FAILED;
            }
        }
    }
}
