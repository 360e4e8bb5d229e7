/**
 * Model calls: token usage read from known response types, the pricing table and cost.
 */
package dev.llmobs.llm;
