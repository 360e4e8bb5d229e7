package dev.llmobs.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;

import dev.llmobs.web.RejectedIdListener;

/**
 * Counts the ids the servlet and WebFlux filters reject, in
 * {@code llmobs.web.rejected_ids{field,reason}}.
 */
final class RejectedIdMeters {

	private RejectedIdMeters() {
	}

	static RejectedIdListener listener(ObjectProvider<MeterRegistry> registry) {
		return (field, reason) -> registry.ifAvailable(
				(meters) -> meters.counter("llmobs.web.rejected_ids", "field", field, "reason", reason).increment());
	}

}
