/**
 * Spring's task execution hook: a {@code TaskDecorator} carrying the submitting thread's
 * OpenTelemetry context (span, session, user) to executor threads.
 */
package dev.llmobs.task;
