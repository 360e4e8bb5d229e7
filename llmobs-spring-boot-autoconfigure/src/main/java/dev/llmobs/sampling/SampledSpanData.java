package dev.llmobs.sampling;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;

import dev.llmobs.trace.LlmObsAttributes;

/**
 * A finished root span with the reason its trace was kept,
 * {@code llmobs.sampling.reason}, added to its attributes.
 */
final class SampledSpanData extends DelegatingSpanData {

	private final Attributes attributes;

	SampledSpanData(SpanData delegate, String reason) {
		super(delegate);
		this.attributes = delegate.getAttributes()
			.toBuilder()
			.put(LlmObsAttributes.LLMOBS_SAMPLING_REASON, reason)
			.build();
	}

	@Override
	public Attributes getAttributes() {
		return this.attributes;
	}

	@Override
	public int getTotalAttributeCount() {
		return super.getTotalAttributeCount() + 1;
	}

}
