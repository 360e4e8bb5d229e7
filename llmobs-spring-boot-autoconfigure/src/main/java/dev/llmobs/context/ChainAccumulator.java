package dev.llmobs.context;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.DoubleAdder;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

import dev.llmobs.capture.CaptureMemo;
import dev.llmobs.prompt.PromptTemplateInfo;

/**
 * Sums the cost of the model calls under one chain root and keeps the total on that root
 * as {@code llmobs.trace.cost}. Lives in the context of the root chain span.
 */
public final class ChainAccumulator {

	private static final ContextKey<ChainAccumulator> KEY = ContextKey.named("llmobs-trace-state");

	private final Span root;

	private static final int MAX_DOCUMENTS = 50;

	private final DoubleAdder total = new DoubleAdder();

	private volatile PromptTemplateInfo prompt;

	private final List<String> documents = new CopyOnWriteArrayList<>();

	private final CaptureMemo captures = new CaptureMemo();

	/**
	 * Creates the accumulator of a chain root; the tracer makes one per trace, for its
	 * outermost chain span.
	 * @param root the chain root span that carries the total
	 */
	public ChainAccumulator(Span root) {
		this.root = root;
	}

	/**
	 * The accumulator in a context.
	 * @param context the context
	 * @return the accumulator, or {@code null}
	 */
	public static ChainAccumulator from(Context context) {
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
		this.root.setAttribute(ContextAttributes.LLMOBS_TRACE_COST, this.total.sum());
	}

	/**
	 * Remembers the prompt template of a model call under this root, for evaluations of
	 * the root (the last one wins).
	 * @param prompt the template, possibly {@code null}
	 */
	public void usePrompt(PromptTemplateInfo prompt) {
		if (prompt != null) {
			this.prompt = prompt;
		}
	}

	/**
	 * The prompt template of the latest model call under this root.
	 * @return the template, or {@code null}
	 */
	public PromptTemplateInfo prompt() {
		return this.prompt;
	}

	/**
	 * The captures made under this root, so that a value captured twice in the trace is
	 * serialized and redacted once.
	 * @return the trace's captures
	 */
	public CaptureMemo captures() {
		return this.captures;
	}

	/**
	 * Remembers the contents of retrieved documents.
	 * @param contents the document contents
	 */
	public void addDocuments(List<String> contents) {
		int room = MAX_DOCUMENTS - this.documents.size();
		List<String> kept = new ArrayList<>(Math.max(0, Math.min(room, contents.size())));
		for (String content : contents) {
			if (content != null && kept.size() < room) {
				kept.add(content);
			}
		}
		// one copy of the list for all of them, not one per document
		this.documents.addAll(kept);
	}

	/**
	 * The contents retrieved under this root so far.
	 * @return the documents
	 */
	public List<String> documents() {
		return List.copyOf(this.documents);
	}

}
