/**
 * The one JSON mapper the starter uses for its own attribute values and payloads.
 */
package dev.llmobs.json;
