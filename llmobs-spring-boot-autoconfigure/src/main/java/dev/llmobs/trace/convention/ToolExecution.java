package dev.llmobs.trace.convention;

/**
 * One tool execution run by a framework for a model's tool call, as the conventions take
 * it.
 *
 * @param id the id the model gave the call, or empty
 * @param parameters the JSON schema of the tool's parameters (bounded to the capture
 * limit), or {@code null}
 * @param returnDirect whether the tool's result is returned to the caller without another
 * model call
 */
public record ToolExecution(String id, String parameters, boolean returnDirect) {

}
