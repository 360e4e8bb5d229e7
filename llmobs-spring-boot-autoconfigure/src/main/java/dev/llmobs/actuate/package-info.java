/**
 * Actuator integration: the {@code llmobs} health indicator, the {@code /actuator/llmobs}
 * endpoint and the Micrometer meters.
 */
package dev.llmobs.actuate;
