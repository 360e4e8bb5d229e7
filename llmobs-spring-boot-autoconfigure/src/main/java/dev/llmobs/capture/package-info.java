/**
 * Turning arguments and return values into bounded, redacted or hashed attribute text;
 * plain Java, no Spring.
 */
package dev.llmobs.capture;
