package dev.llmobs.export;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * A span processor that only looks at spans as they end.
 */
interface EndOnlySpanProcessor extends SpanProcessor {

	@Override
	default void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	default boolean isStartRequired() {
		return false;
	}

	@Override
	default boolean isEndRequired() {
		return true;
	}

	@Override
	default CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

}
