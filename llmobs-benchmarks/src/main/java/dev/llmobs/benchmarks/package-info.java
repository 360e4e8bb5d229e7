/**
 * JMH benchmarks of llmobs overhead.
 */
package dev.llmobs.benchmarks;
