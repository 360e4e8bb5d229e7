package dev.llmobs.sample.model;

/**
 * What the assistant sends to a model.
 *
 * @param system the system instructions, with the retrieved articles
 * @param user the customer's message
 */
public record SupportPrompt(String system, String user) {

}
