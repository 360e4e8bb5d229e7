/**
 * Where failures of the instrumentation itself are counted and logged; depends on nothing
 * else in {@code dev.llmobs}, so every package can use it.
 */
package dev.llmobs.failure;
