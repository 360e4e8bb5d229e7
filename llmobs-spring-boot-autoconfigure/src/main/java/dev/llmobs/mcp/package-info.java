/**
 * Model Context Protocol tracing: client and server spans per the OpenTelemetry MCP
 * conventions, the trace context carried in each request's {@code params._meta}, and the
 * MCP operation-duration histograms.
 */
package dev.llmobs.mcp;
