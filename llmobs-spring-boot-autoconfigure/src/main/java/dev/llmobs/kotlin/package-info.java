/**
 * Kotlin coroutines: the trace context as a coroutine context element, and spans of
 * annotated {@code suspend} functions that end when the coroutine completes; used only
 * when Kotlin coroutines are on the classpath.
 */
package dev.llmobs.kotlin;
