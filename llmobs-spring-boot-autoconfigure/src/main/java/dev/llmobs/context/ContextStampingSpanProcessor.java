package dev.llmobs.context;

import java.util.List;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Stamps the session, user, metadata and tags in effect on every span as it starts: ours,
 * Boot's HTTP client and server spans, Spring AI's, any library's. Boot adds every
 * {@link SpanProcessor} bean to its tracer provider.
 */
public final class ContextStampingSpanProcessor implements SpanProcessor {

	private static final List<AttributeKey<?>> INHERITED = List.of(ContextAttributes.SESSION_ID,
			ContextAttributes.GEN_AI_CONVERSATION_ID, ContextAttributes.USER_ID, ContextAttributes.METADATA,
			ContextAttributes.TAG_TAGS, ContextAttributes.LLMOBS_EVALUATION_JUDGE);

	private static final List<AttributeKey<?>> SESSION = List.of(ContextAttributes.SESSION_ID,
			ContextAttributes.GEN_AI_CONVERSATION_ID);

	private final UnaryOperator<String> metadataRedaction;

	/**
	 * Creates a processor that stamps metadata as it was given.
	 */
	public ContextStampingSpanProcessor() {
		this(null);
	}

	/**
	 * Creates a processor that redacts the metadata's JSON, once per scope, before
	 * stamping it.
	 * @param metadataRedaction redacts the metadata's JSON, or {@code null} for none
	 */
	public ContextStampingSpanProcessor(UnaryOperator<String> metadataRedaction) {
		this.metadataRedaction = metadataRedaction;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		LlmObsContext context = LlmObsContext.from(parentContext);
		if (!context.isEmpty()) {
			span.setAllAttributes(context.attributes(this.metadataRedaction));
			if (context.sessionId() == null && Span.fromContextOrNull(parentContext) instanceof ReadableSpan parent) {
				// A session the parent took from a framework's conversation (Spring AI's
				// chat memory) when none was in scope.
				inherit(parent, span, SESSION);
			}
		}
		else if (Span.fromContextOrNull(parentContext) instanceof ReadableSpan parent) {
			// The context was rebuilt without the session (a thread hop restored by
			// another
			// library, or a scope opened from an outer span's saved context): a child of
			// a
			// stamped span inherits what its parent carries.
			inherit(parent, span, INHERITED);
		}
	}

	@SuppressWarnings("unchecked")
	private static void inherit(ReadableSpan parent, ReadWriteSpan span, List<AttributeKey<?>> keys) {
		for (AttributeKey<?> key : keys) {
			Object value = parent.getAttribute(key);
			if (value != null) {
				span.setAttribute((AttributeKey<Object>) key, value);
			}
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
	}

	@Override
	public boolean isEndRequired() {
		return false;
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

}
