package dev.llmobs.springai;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.trace.Span;

/**
 * Finds the OpenTelemetry span that Micrometer's tracing handler opened for an
 * observation.
 */
final class ObservedSpans {

	private ObservedSpans() {
	}

	/**
	 * The span of an observation.
	 * @param context the observation's context
	 * @return the span, or an invalid (non-recording) span when tracing is not on
	 */
	static Span of(Observation.Context context) {
		TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
		io.micrometer.tracing.Span span = (tracing != null) ? tracing.getSpan() : null;
		if (span == null) {
			return Span.getInvalid();
		}
		Span otel = OtelSpan.toOtel(span);
		return (otel != null) ? otel : Span.getInvalid();
	}

}
