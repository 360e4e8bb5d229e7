package dev.llmobs.context;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import tools.jackson.databind.json.JsonMapper;

import dev.llmobs.json.LlmObsJson;
import dev.llmobs.prompt.PromptTemplateInfo;

/**
 * The session, user, metadata and tags in effect, kept immutable in the OpenTelemetry
 * {@link Context} so they follow the trace wherever the context goes. The span attributes
 * are computed once per value, not once per span.
 */
public final class LlmObsContext {

	private static final ContextKey<LlmObsContext> KEY = ContextKey.named("llmobs-context");

	private static final JsonMapper json = LlmObsJson.mapper();

	/** Nothing set. */
	public static final LlmObsContext EMPTY = new LlmObsContext(null, null, Map.of(), List.of(), false, null);

	private final String sessionId;

	private final String userId;

	private final Map<String, Object> metadata;

	private final List<String> tags;

	private final boolean judge;

	private final PromptTemplateInfo prompt;

	private volatile Attributes attributes;

	private volatile RedactedAttributes redactedAttributes;

	private LlmObsContext(String sessionId, String userId, Map<String, Object> metadata, List<String> tags,
			boolean judge, PromptTemplateInfo prompt) {
		this.prompt = prompt;
		this.sessionId = sessionId;
		this.userId = userId;
		this.metadata = metadata;
		this.tags = tags;
		this.judge = judge;
	}

	/**
	 * The value in the given context.
	 * @param context the OpenTelemetry context
	 * @return the value, {@link #EMPTY} when none
	 */
	public static LlmObsContext from(Context context) {
		LlmObsContext value = context.get(KEY);
		return (value != null) ? value : EMPTY;
	}

	/**
	 * The value in the current context.
	 * @return the value, {@link #EMPTY} when none
	 */
	public static LlmObsContext current() {
		return from(Context.current());
	}

	/**
	 * Stores this value in the given context.
	 * @param context the context
	 * @return a new context holding this value
	 */
	public Context storeIn(Context context) {
		return context.with(KEY, this);
	}

	/**
	 * The session id, or {@code null}.
	 * @return the session id
	 */
	public String sessionId() {
		return this.sessionId;
	}

	/**
	 * The user id, or {@code null}.
	 * @return the user id
	 */
	public String userId() {
		return this.userId;
	}

	/**
	 * The metadata, in insertion order.
	 * @return the metadata
	 */
	public Map<String, Object> metadata() {
		return this.metadata;
	}

	/**
	 * The tags, without duplicates, in insertion order.
	 * @return the tags
	 */
	public List<String> tags() {
		return this.tags;
	}

	/**
	 * Whether nothing is set.
	 * @return {@code true} when empty
	 */
	public boolean isEmpty() {
		return this.sessionId == null && this.userId == null && this.metadata.isEmpty() && this.tags.isEmpty()
				&& !this.judge && this.prompt == null;
	}

	/**
	 * Whether spans started now belong to an LLM judge's evaluation, not the application.
	 * @return {@code true} inside a judge's call
	 */
	/**
	 * The prompt template in use, recorded on LLM spans only.
	 * @return the template, or {@code null}
	 */
	public PromptTemplateInfo prompt() {
		return this.prompt;
	}

	/**
	 * A copy using a prompt template; an inner declaration wins over an outer one.
	 * @param prompt the template
	 * @return the new context
	 */
	public LlmObsContext withPrompt(PromptTemplateInfo prompt) {
		return new LlmObsContext(this.sessionId, this.userId, this.metadata, this.tags, this.judge, prompt);
	}

	public boolean isJudge() {
		return this.judge;
	}

	/**
	 * A copy marking everything inside as an LLM judge's work.
	 * @return the new value
	 */
	public LlmObsContext asJudge() {
		return new LlmObsContext(this.sessionId, this.userId, this.metadata, this.tags, true, this.prompt);
	}

	/**
	 * A copy with another session.
	 * @param sessionId the session id
	 * @return the new value
	 */
	public LlmObsContext withSession(String sessionId) {
		return new LlmObsContext(sessionId, this.userId, this.metadata, this.tags, this.judge, this.prompt);
	}

	/**
	 * A copy with another user.
	 * @param userId the user id
	 * @return the new value
	 */
	public LlmObsContext withUser(String userId) {
		return new LlmObsContext(this.sessionId, userId, this.metadata, this.tags, this.judge, this.prompt);
	}

	/**
	 * A copy with one more metadata entry (replacing an entry with the same key).
	 * @param key the key
	 * @param value the value
	 * @return the new value
	 */
	public LlmObsContext withMetadata(String key, Object value) {
		Map<String, Object> merged = new LinkedHashMap<>(this.metadata);
		merged.put(key, value);
		return new LlmObsContext(this.sessionId, this.userId, Collections.unmodifiableMap(merged), this.tags,
				this.judge, this.prompt);
	}

	/**
	 * A copy with more tags.
	 * @param tags the tags to add
	 * @return the new value
	 */
	public LlmObsContext withTags(String... tags) {
		LinkedHashSet<String> merged = new LinkedHashSet<>(this.tags);
		for (String tag : tags) {
			if (tag != null && !tag.isBlank()) {
				merged.add(tag);
			}
		}
		return new LlmObsContext(this.sessionId, this.userId, this.metadata,
				Collections.unmodifiableList(new ArrayList<>(merged)), this.judge, this.prompt);
	}

	/**
	 * The span attributes for this value: {@code session.id},
	 * {@code gen_ai.conversation.id}, {@code user.id}, {@code metadata} (JSON) and
	 * {@code tag.tags}.
	 * @return the attributes, computed once
	 */
	public Attributes attributes() {
		Attributes result = this.attributes;
		if (result == null) {
			result = computeAttributes();
			this.attributes = result;
		}
		return result;
	}

	/**
	 * The span attributes with the metadata's JSON passed through a redaction, computed
	 * once per redaction.
	 * @param metadataRedaction redacts the metadata's JSON, or {@code null} for none
	 * @return the attributes
	 */
	public Attributes attributes(UnaryOperator<String> metadataRedaction) {
		Attributes plain = attributes();
		if (metadataRedaction == null || this.metadata.isEmpty()) {
			return plain;
		}
		RedactedAttributes cached = this.redactedAttributes;
		if (cached != null && cached.redaction() == metadataRedaction) {
			return cached.attributes();
		}
		String json = plain.get(ContextAttributes.METADATA);
		String redacted = (json != null) ? metadataRedaction.apply(json) : null;
		Attributes result = (redacted == null || redacted.equals(json)) ? plain
				: plain.toBuilder().put(ContextAttributes.METADATA, redacted).build();
		this.redactedAttributes = new RedactedAttributes(metadataRedaction, result);
		return result;
	}

	private record RedactedAttributes(UnaryOperator<String> redaction, Attributes attributes) {
	}

	private Attributes computeAttributes() {
		AttributesBuilder builder = Attributes.builder();
		if (this.sessionId != null) {
			builder.put(ContextAttributes.SESSION_ID, this.sessionId);
			builder.put(ContextAttributes.GEN_AI_CONVERSATION_ID, this.sessionId);
		}
		if (this.userId != null) {
			builder.put(ContextAttributes.USER_ID, this.userId);
		}
		if (!this.metadata.isEmpty()) {
			try {
				builder.put(ContextAttributes.METADATA, json.writeValueAsString(this.metadata));
			}
			catch (RuntimeException ex) {
				builder.put(ContextAttributes.METADATA, "{\"error\":\"unserializable metadata\"}");
			}
		}
		if (!this.tags.isEmpty()) {
			builder.put(ContextAttributes.TAG_TAGS, this.tags);
		}
		if (this.judge) {
			builder.put(ContextAttributes.LLMOBS_EVALUATION_JUDGE, true);
		}
		return builder.build();
	}

}
