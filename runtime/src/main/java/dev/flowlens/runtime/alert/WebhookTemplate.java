package dev.flowlens.runtime.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON body of a webhook alert: our own generic shape, or the text-message shape of a chat bot
 * (Slack incoming webhooks, WeCom and DingTalk group robots, Feishu/Lark custom bots).
 */
public enum WebhookTemplate {
    /** Every field of the alert plus {@code text}. */
    GENERIC,
    /** {@code {"text": ...}} */
    SLACK,
    /** {@code {"msgtype": "text", "text": {"content": ...}}} */
    WECOM,
    /** {@code {"msgtype": "text", "text": {"content": ...}}} */
    DINGTALK,
    /** {@code {"msg_type": "text", "content": {"text": ...}}} */
    FEISHU;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String body(Alert alert) {
        ObjectNode o = MAPPER.createObjectNode();
        switch (this) {
            case SLACK -> o.put("text", alert.text());
            case WECOM, DINGTALK -> {
                o.put("msgtype", "text");
                o.putObject("text").put("content", alert.text());
            }
            case FEISHU -> {
                o.put("msg_type", "text");
                o.putObject("content").put("text", alert.text());
            }
            default -> {
                o.put("event", alert.event().word());
                o.put("scheduleId", alert.scheduleId());
                o.put("workflow", alert.workflow());
                o.put("runId", alert.runId());
                o.put("status", alert.status());
                o.put("itemsOk", alert.itemsOk());
                o.put("itemsFailed", alert.itemsFailed());
                o.put("itemsFlagged", alert.itemsFlagged());
                ObjectNode errors = o.putObject("errors");
                alert.errors().forEach(errors::put);
                o.put("at", alert.at().toString());
                o.put("text", alert.text());
            }
        }
        return o.toString();
    }
}
