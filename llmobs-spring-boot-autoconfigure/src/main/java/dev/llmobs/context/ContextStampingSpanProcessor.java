package dev.llmobs.context;

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

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		LlmObsContext context = LlmObsContext.from(parentContext);
		if (!context.isEmpty()) {
			span.setAllAttributes(context.attributes());
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
