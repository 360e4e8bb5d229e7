/**
 * Evaluations: the {@code Evaluator} SPI, built-in evaluators, running them inline or on
 * a bounded executor, and recording their results on the trace.
 */
package dev.llmobs.eval;
