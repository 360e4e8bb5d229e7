package dev.llmobs.trace;

/**
 * The static facts an annotation gives about a span, beyond its kind and name.
 *
 * @param provider the model provider, or empty
 * @param model the model name, or empty
 * @param operation the {@code gen_ai.operation.name} override, or empty for the kind's
 * default
 * @param description the tool description, or empty
 * @param agentId the agent id ({@code gen_ai.agent.id}), or empty
 */
public record SpanIdentity(String provider, String model, String operation, String description, String agentId) {

	/** No extra facts. */
	public static final SpanIdentity NONE = new SpanIdentity("", "", "", "", "");

	/**
	 * Facts without an agent id.
	 * @param provider the model provider, or empty
	 * @param model the model name, or empty
	 * @param operation the {@code gen_ai.operation.name} override, or empty
	 * @param description the tool description, or empty
	 */
	public SpanIdentity(String provider, String model, String operation, String description) {
		this(provider, model, operation, description, "");
	}

}
