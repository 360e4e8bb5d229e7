package dev.llmobs.context;

import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * Lets an {@code @LlmCall} span learn that a model call observed by its own
 * instrumentation (Spring AI's {@code ChatModel}) ran inside it, so the usage and cost
 * are counted once: on the inner span, the real call.
 */
public final class NestedModelCalls {

	private static final ContextKey<NestedModelCalls> KEY = ContextKey.named("llmobs-nested-model-calls");

	private final AtomicBoolean started = new AtomicBoolean();

	/**
	 * The tally of the {@code @LlmCall} span in a context.
	 * @param context the context
	 * @return the tally, or {@code null} outside an {@code @LlmCall} span
	 */
	public static NestedModelCalls from(Context context) {
		return context.get(KEY);
	}

	/**
	 * Stores this tally in a context.
	 * @param context the context
	 * @return the new context
	 */
	public Context storeIn(Context context) {
		return context.with(KEY, this);
	}

	/**
	 * Called when an instrumented model call starts inside the span.
	 */
	public void started() {
		this.started.set(true);
	}

	/**
	 * Whether an instrumented model call ran inside the span; if so, that call carries
	 * the usage and cost.
	 * @return {@code true} when usage is left to the nested call
	 */
	public boolean any() {
		return this.started.get();
	}

}
