package dev.llmobs.langchain4j;

import dev.llmobs.trace.SpanCompletion;

/**
 * Carries the first streamed chunk of a call from the wrapped response handler to the
 * call's span, through the listener attributes (LangChain4j copies the map, not its
 * values), whichever of the two is known first.
 */
final class FirstToken {

	static final Object KEY = FirstToken.class;

	private SpanCompletion completion;

	private boolean arrived;

	synchronized void bind(SpanCompletion completion) {
		this.completion = completion;
		if (this.arrived) {
			completion.firstElement();
		}
	}

	void arrived() {
		SpanCompletion bound;
		synchronized (this) {
			if (this.arrived) {
				return;
			}
			this.arrived = true;
			bound = this.completion;
		}
		if (bound != null) {
			bound.firstElement();
		}
	}

}
