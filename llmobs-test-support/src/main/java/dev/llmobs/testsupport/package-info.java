/**
 * Test utilities shared by the end-to-end tests: a real OTLP/HTTP receiver and the
 * {@code @OtlpReceiverTest} extension that points an application at it.
 */
package dev.llmobs.testsupport;
