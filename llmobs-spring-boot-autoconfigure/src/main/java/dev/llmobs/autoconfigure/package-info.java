/**
 * Auto-configuration and {@code llmobs.*} properties; the only package that knows about
 * Spring Boot binding.
 */
package dev.llmobs.autoconfigure;
