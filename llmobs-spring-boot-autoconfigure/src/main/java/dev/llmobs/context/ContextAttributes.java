package dev.llmobs.context;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute keys this package stamps on spans: session, user, metadata and tags (in
 * both conventions), the judge marker and a chain root's total cost.
 * {@code trace.LlmObsAttributes} exposes the same keys under the same names.
 */
public final class ContextAttributes {

	/** {@code session.id}. */
	public static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("session.id");

	/** {@code gen_ai.conversation.id}, the session id. */
	public static final AttributeKey<String> GEN_AI_CONVERSATION_ID = AttributeKey.stringKey("gen_ai.conversation.id");

	/** {@code user.id}. */
	public static final AttributeKey<String> USER_ID = AttributeKey.stringKey("user.id");

	/** {@code metadata}, a JSON object. */
	public static final AttributeKey<String> METADATA = AttributeKey.stringKey("metadata");

	/** {@code tag.tags}. */
	public static final AttributeKey<List<String>> TAG_TAGS = AttributeKey.stringArrayKey("tag.tags");

	/**
	 * Set on the spans of an LLM judge's own calls; their tokens and cost are not the
	 * app's.
	 */
	public static final AttributeKey<Boolean> LLMOBS_EVALUATION_JUDGE = AttributeKey
		.booleanKey("llmobs.evaluation.judge");

	/** The summed cost in USD of the model calls under a chain root. */
	public static final AttributeKey<Double> LLMOBS_TRACE_COST = AttributeKey.doubleKey("llmobs.trace.cost");

	private ContextAttributes() {
	}

}
