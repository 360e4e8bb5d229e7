/**
 * Session, user, metadata and tags held in the OpenTelemetry {@code Context}, the scopes
 * that set them, and the span processor that stamps them on every span.
 */
package dev.llmobs.context;
