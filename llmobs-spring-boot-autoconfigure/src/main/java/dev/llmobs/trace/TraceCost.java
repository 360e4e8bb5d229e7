package dev.llmobs.trace;

import java.util.concurrent.atomic.DoubleAdder;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * Sums the cost of the model calls under one chain root and keeps the total on that root
 * as {@code llmobs.trace.cost}. Lives in the context of the root chain span.
 */
public final class TraceCost {

	private static final ContextKey<TraceCost> KEY = ContextKey.named("llmobs-trace-cost");

	private final Span root;

	private final DoubleAdder total = new DoubleAdder();

	TraceCost(Span root) {
		this.root = root;
	}

	/**
	 * The accumulator in a context.
	 * @param context the context
	 * @return the accumulator, or {@code null}
	 */
	public static TraceCost from(Context context) {
		return context.get(KEY);
	}

	/**
	 * Stores this accumulator in a context.
	 * @param context the context
	 * @return the new context
	 */
	public Context storeIn(Context context) {
		return context.with(KEY, this);
	}

	/**
	 * Adds one call's cost and updates the root's attribute.
	 * @param cost the cost in USD
	 */
	public void add(double cost) {
		this.total.add(cost);
		this.root.setAttribute(LlmObsAttributes.LLMOBS_TRACE_COST, this.total.sum());
	}

}
