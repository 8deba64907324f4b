/**
 * The scheduler panel: cron schedules of saved workflows (list, create/edit with live cron checking, enable,
 * run now, history), through the runtime's {@code Schedules} facade.
 */
package dev.flowlens.app.schedule;
