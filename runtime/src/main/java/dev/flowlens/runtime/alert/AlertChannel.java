package dev.flowlens.runtime.alert;

/** Sends one alert once; the dispatcher retries. Implementations are thread-safe. */
interface AlertChannel {
    /** Throws with a message fit for the delivery record ("HTTP 500 from hooks.example.com") when it did not arrive. */
    void send(AlertRule rule, Alert alert) throws Exception;
}
