package dev.llmobs.trace;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import dev.llmobs.context.ChainAccumulator;
import dev.llmobs.context.ContextScopes;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.context.NestedModelCalls;
import dev.llmobs.prompt.PromptTemplateInfo;
import dev.llmobs.trace.convention.LlmSpanConvention;
import dev.llmobs.trace.convention.LlmSpanConventions;

/**
 * Starts LLM spans as children of the current OpenTelemetry context and hands back the
 * {@link SpanCompletion} that ends them.
 */
public final class LlmSpanTracer {

	private final Tracer tracer;

	private final LlmSpanWriter writer;

	private final OperationListener operations;

	private final CompletionHook hook;

	/**
	 * Creates a span tracer.
	 * @param tracer the OpenTelemetry tracer of the application's tracer provider
	 * @param writer writes the per-call attributes
	 * @param operations told when each operation ends
	 * @param hook runs evaluations when a span with an evaluation spec completes, or
	 * {@code null}
	 */
	public LlmSpanTracer(Tracer tracer, LlmSpanWriter writer, OperationListener operations, CompletionHook hook) {
		this.tracer = tracer;
		this.writer = writer;
		this.operations = operations;
		this.hook = hook;
	}

	/**
	 * Computes the attributes fixed for every call of one method.
	 * @param kind the span kind
	 * @param name the span name
	 * @param identity provider, model, operation and description from the annotation
	 * @param conventions the conventions to write
	 * @return the attributes
	 */
	public static Attributes staticAttributes(LlmSpanKind kind, String name, SpanIdentity identity,
			LlmSpanConventions conventions) {
		AttributesBuilder builder = Attributes.builder();
		builder.put(LlmObsAttributes.LLMOBS_SPAN_KIND, kind.llmObsKind());
		for (LlmSpanConvention convention : conventions.all()) {
			convention.staticAttributes(builder, kind, name, identity);
		}
		return builder.build();
	}

	/**
	 * Starts a span for one call, records its input when the span is recording, and
	 * returns the completion that ends it. The caller makes the span current while the
	 * work runs.
	 * @param descriptor the method's descriptor
	 * @param arguments the call's arguments
	 * @return the completion for this span
	 */
	public SpanCompletion start(SpanDescriptor descriptor, Object[] arguments) {
		long startNanos = System.nanoTime();
		// One thread-local lookup for the parent, the accumulators and the scope to come.
		Context current = Context.current();
		Span span = this.tracer.spanBuilder(descriptor.spanName()).setParent(current).startSpan();
		ChainAccumulator traceState = ChainAccumulator.from(current);
		PromptTemplateInfo prompt = null;
		if (descriptor.kind() == LlmSpanKind.LLM) {
			LlmObsContext llmObs = LlmObsContext.from(current);
			prompt = (descriptor.prompt() != null) ? descriptor.prompt() : llmObs.prompt();
			if (traceState != null && !llmObs.isJudge()) {
				traceState.usePrompt(prompt);
			}
		}
		if (span.isRecording()) {
			// Set after the sampling decision: an unsampled span pays nothing for them.
			span.setAllAttributes(descriptor.attributes());
			this.writer.writeInput(span, descriptor, arguments, traceState);
			if (prompt != null) {
				this.writer.writePrompt(span, prompt, descriptor.captureInput());
			}
		}
		SpanCompletion completion = new SpanCompletion(span, descriptor, this.writer, startNanos, this.operations,
				traceState, (descriptor.evaluation() != null) ? arguments : null, this.hook);
		completion.usePrompt(prompt);
		completion.useParentContext(current);
		return completion;
	}

	/**
	 * The context to make current while the span's work runs: the span with the session
	 * and trace cost in effect; a chain that starts a trace also starts its cost total.
	 * @param completion the span's completion
	 * @return the context
	 */
	public Context contextFor(SpanCompletion completion) {
		PromptTemplateInfo declared = completion.descriptor().prompt();
		Context current = completion.parentContext();
		if (!completion.span().isRecording()) {
			Context context = current.with(completion.span());
			context = (declared != null) ? withPrompt(context, declared) : context;
			completion.useContext(context);
			return context;
		}
		Context context = ContextScopes.contextFor(current, completion.span());
		if (declared != null) {
			context = withPrompt(context, declared);
		}
		if (completion.descriptor().kind() == LlmSpanKind.CHAIN && ChainAccumulator.from(context) == null) {
			ChainAccumulator state = new ChainAccumulator(completion.span());
			completion.useTraceState(state);
			context = state.storeIn(context);
		}
		else if (completion.descriptor().kind() == LlmSpanKind.LLM) {
			NestedModelCalls nested = new NestedModelCalls();
			completion.useNestedModelCalls(nested);
			context = nested.storeIn(context);
		}
		completion.useContext(context);
		return context;
	}

	private static Context withPrompt(Context context, PromptTemplateInfo prompt) {
		return LlmObsContext.from(context).withPrompt(prompt).storeIn(context);
	}

	/**
	 * The writer of per-call attributes.
	 * @return the writer
	 */
	public LlmSpanWriter writer() {
		return this.writer;
	}

}
