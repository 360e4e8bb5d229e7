/**
 * Session, user, metadata and tags held in the OpenTelemetry {@code Context}, with the
 * per-trace accumulators carried there (chain cost, nested model calls), the scopes that
 * set them, the attribute keys they are stamped under, and the span processor that stamps
 * them on every span.
 */
package dev.llmobs.context;
