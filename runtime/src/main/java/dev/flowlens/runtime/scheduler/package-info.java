/**
 * Cron schedules for saved workflows, their run history, and the scheduler service that fires them: the store
 * (SQLite or PostgreSQL, migrated by Flyway), the schedule book the CLI and app manage schedules through, and
 * the service that polls db-scheduler for due runs and executes them through {@link dev.flowlens.runtime.api.FlowLens}.
 */
package dev.flowlens.runtime.scheduler;
