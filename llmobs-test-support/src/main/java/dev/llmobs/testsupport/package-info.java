/**
 * Test utilities shared by the end-to-end tests: a real OTLP/HTTP receiver.
 */
package dev.llmobs.testsupport;
