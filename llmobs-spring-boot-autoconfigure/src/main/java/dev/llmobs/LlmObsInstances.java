package dev.llmobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The {@link LlmObservability} instances of the application contexts alive in this JVM,
 * and which of them started each live span while more than one is alive, so that a static
 * {@link LlmObs} call made inside a span of one context records into that context.
 */
final class LlmObsInstances {

	/** Bounds the span-owner index should spans never end. */
	static final int MAX_TRACKED_SPANS = 100_000;

	private static final List<LlmObservability> alive = new CopyOnWriteArrayList<>();

	private static final Map<SpanContext, LlmObservability> owners = new ConcurrentHashMap<>();

	private LlmObsInstances() {
	}

	static void register(LlmObservability instance) {
		alive.add(instance);
	}

	static void unregister(LlmObservability instance) {
		alive.remove(instance);
		owners.values().removeIf((owner) -> owner == instance);
	}

	/**
	 * Whether more than one instance is alive, the only case spans need an owner.
	 * @return whether spans should be tracked
	 */
	static boolean shared() {
		return alive.size() > 1;
	}

	static void started(SpanContext span, LlmObservability owner) {
		if (owners.size() < MAX_TRACKED_SPANS) {
			owners.put(span, owner);
		}
	}

	static void ended(SpanContext span) {
		if (!owners.isEmpty()) {
			owners.remove(span);
		}
	}

	/**
	 * The instance of the context that started the given span, else of the one that
	 * started the current span, else the most recently registered one.
	 * @param target the span the call is about, or {@code null}
	 * @return the instance, or {@code null} when no context is alive
	 */
	static LlmObservability resolve(SpanContext target) {
		Object[] snapshot = alive.toArray();
		if (snapshot.length == 0) {
			return null;
		}
		if (snapshot.length > 1) {
			LlmObservability owner = owner(target);
			if (owner == null) {
				owner = owner(Span.current().getSpanContext());
			}
			if (owner != null && alive.contains(owner)) {
				return owner;
			}
		}
		return (LlmObservability) snapshot[snapshot.length - 1];
	}

	/**
	 * The instance of the context that served the given trace, else as
	 * {@link #resolve(SpanContext)} finds it.
	 * @param traceId the trace the feedback is about
	 * @return the instance, or {@code null} when no context is alive
	 */
	static LlmObservability resolveForTrace(String traceId) {
		Object[] snapshot = alive.toArray();
		if (snapshot.length > 1) {
			for (int i = snapshot.length - 1; i >= 0; i--) {
				LlmObservability candidate = (LlmObservability) snapshot[i];
				if (candidate.feedbackRecorder() != null && candidate.feedbackRecorder().knows(traceId)) {
					return candidate;
				}
			}
		}
		return resolve(null);
	}

	private static LlmObservability owner(SpanContext span) {
		return (span != null && span.isValid()) ? owners.get(span) : null;
	}

}
