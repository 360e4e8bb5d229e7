package dev.llmobs.sample.web;

/**
 * A customer's message.
 *
 * @param message the text
 */
public record ChatRequest(String message) {

}
