/**
 * The OTLP/HTTP transport: a sender that speaks plain HTTP/1.1 to {@code http://}
 * endpoints (never an {@code h2c} upgrade) and lets ALPN choose on {@code https://}.
 */
package dev.llmobs.export.transport;
