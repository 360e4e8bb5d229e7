package dev.llmobs.springai;

import java.util.Map;

/**
 * The name of the agent a {@code ChatClient} turn is recorded as
 * ({@code gen_ai.agent.name} on an {@code AGENT} turn, {@code gen_ai.workflow.name} on a
 * {@code CHAIN} turn): the advisor parameter {@value #PARAM} of the call when given, else
 * the configured default ({@code llmobs.spring-ai.agent-name}, which defaults to
 * {@code spring.application.name}, else {@value #FALLBACK}). <pre>{@code
 * chatClient.prompt()
 *     .advisors((advisors) -> advisors.param(ChatClientAgentName.PARAM, "billing-agent"))
 *     .user(question)
 *     .call()
 *     .content();
 * }</pre>
 */
public final class ChatClientAgentName {

	/** The advisor parameter that names the agent of one call. */
	public static final String PARAM = "llmobs.agent-name";

	/** The name used when neither a parameter nor a default is given. */
	public static final String FALLBACK = "chat-client";

	private static final int MAX_LENGTH = 128;

	private final String defaultName;

	/**
	 * Creates the naming.
	 * @param defaultName the name of turns that give none, or {@code null} or blank for
	 * {@value #FALLBACK}
	 */
	public ChatClientAgentName(String defaultName) {
		this.defaultName = (defaultName != null && !defaultName.isBlank()) ? bounded(defaultName.trim()) : FALLBACK;
	}

	/**
	 * The name of one turn.
	 * @param requestContext the {@code ChatClientRequest}'s context (advisor parameters)
	 * @return the name, never empty
	 */
	public String of(Map<String, ?> requestContext) {
		Object given = (requestContext != null) ? requestContext.get(PARAM) : null;
		if (given instanceof String name && !name.isBlank()) {
			return bounded(name.trim());
		}
		return this.defaultName;
	}

	/**
	 * The default name.
	 * @return the name of turns that give none
	 */
	public String defaultName() {
		return this.defaultName;
	}

	private static String bounded(String name) {
		return (name.length() > MAX_LENGTH) ? name.substring(0, MAX_LENGTH) : name;
	}

}
