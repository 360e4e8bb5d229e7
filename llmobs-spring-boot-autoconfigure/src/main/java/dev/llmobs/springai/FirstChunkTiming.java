package dev.llmobs.springai;

import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import io.opentelemetry.api.trace.Span;

import dev.llmobs.trace.LlmObsAttributes;

/**
 * The time to the first chunk of a streamed chat call made through a {@code ChatClient}.
 * Spring AI reports no chunks to the model's observation, so {@link FirstChunkAdvisor}
 * leaves a timing in its own observation's context, the chat model's span claims it when
 * it starts (its observation descends from the advisor's), and the first response passing
 * the advisor stamps that span.
 */
final class FirstChunkTiming {

	private volatile Span span;

	private volatile long startNanos;

	private volatile boolean seen;

	/**
	 * Claims the timing an enclosing advisor left, if any, for a chat call that starts
	 * now.
	 * @param context the chat model observation's context
	 * @param span its span
	 */
	static void claim(Observation.Context context, Span span) {
		ObservationView parent = context.getParentObservation();
		for (int depth = 0; parent != null && depth < 16; depth++) {
			Observation.ContextView view = parent.getContextView();
			FirstChunkTiming timing = view.get(FirstChunkTiming.class);
			if (timing != null) {
				timing.claimFor(span);
				return;
			}
			parent = view.getParentObservation();
		}
	}

	private synchronized void claimFor(Span span) {
		if (this.span == null) {
			this.startNanos = System.nanoTime();
			this.span = span;
		}
	}

	/**
	 * Records the first response (once) on the claimed span.
	 */
	void first() {
		Span claimed = this.span;
		if (this.seen || claimed == null) {
			return;
		}
		this.seen = true;
		if (claimed.isRecording()) {
			double seconds = (System.nanoTime() - this.startNanos) / (double) TimeUnit.SECONDS.toNanos(1);
			claimed.setAttribute(LlmObsAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
			claimed.setAttribute(LlmObsAttributes.LLMOBS_TIME_TO_FIRST_ELEMENT, seconds);
			claimed.addEvent("llmobs.first_element");
		}
	}

}
