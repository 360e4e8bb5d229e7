/**
 * The proxy side of tracing: a static pointcut on the span annotations, a thin
 * interceptor delegating to one replaceable invocation processor, and handlers that end
 * spans when asynchronous results complete.
 */
package dev.llmobs.aop;
