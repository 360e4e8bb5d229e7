package dev.llmobs.trace;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

import dev.llmobs.capture.CapturedContent;
import dev.llmobs.context.ChainAccumulator;
import dev.llmobs.context.NestedModelCalls;
import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.prompt.PromptTemplateInfo;

/**
 * Ends one span exactly once when the work it measures ends, whether that is when the
 * method returns or when an asynchronous result completes, fails or is cancelled.
 */
public final class SpanCompletion {

	private final Span span;

	private final SpanDescriptor descriptor;

	private final LlmSpanWriter writer;

	private final long startNanos;

	private final OperationListener operations;

	private ChainAccumulator traceState;

	private NestedModelCalls nestedModelCalls;

	private PromptTemplateInfo prompt;

	private Context parentContext;

	private Context context;

	private final Object[] arguments;

	private final CompletionHook hook;

	private final AtomicBoolean ended = new AtomicBoolean();

	private final AtomicBoolean firstElementSeen = new AtomicBoolean();

	SpanCompletion(Span span, SpanDescriptor descriptor, LlmSpanWriter writer, long startNanos,
			OperationListener operations, ChainAccumulator traceState, Object[] arguments, CompletionHook hook) {
		this.operations = operations;
		this.traceState = traceState;
		this.arguments = arguments;
		this.hook = hook;
		this.span = span;
		this.descriptor = descriptor;
		this.writer = writer;
		this.startNanos = startNanos;
	}

	/**
	 * The span being completed.
	 * @return the span
	 */
	public Span span() {
		return this.span;
	}

	void useTraceState(ChainAccumulator state) {
		this.traceState = state;
	}

	void useNestedModelCalls(NestedModelCalls nested) {
		this.nestedModelCalls = nested;
	}

	void usePrompt(PromptTemplateInfo prompt) {
		this.prompt = prompt;
	}

	void useParentContext(Context parentContext) {
		this.parentContext = parentContext;
	}

	/**
	 * The context current when the span started, from which its own context is built.
	 * @return the parent context
	 */
	Context parentContext() {
		return (this.parentContext != null) ? this.parentContext : Context.current();
	}

	void useContext(Context context) {
		this.context = context;
	}

	/**
	 * The context made current while the span's work runs (the span, the session and the
	 * trace's accumulators), for work that continues later: a reactive pipeline or a
	 * coroutine.
	 * @return the context
	 */
	public Context context() {
		return (this.context != null) ? this.context : parentContext().with(this.span);
	}

	/**
	 * The descriptor of the method.
	 * @return the descriptor
	 */
	public SpanDescriptor descriptor() {
		return this.descriptor;
	}

	/**
	 * The maximum captured length, for accumulating streamed output.
	 * @return the capture limit in characters
	 */
	public int maxCaptureLength() {
		return this.writer.maxCaptureLength();
	}

	/**
	 * Starts collecting a streamed output for this span.
	 * @return the collector, or {@code null} when output is not captured
	 */
	public StreamedOutput streamedOutput() {
		return capturesOutput() ? new StreamedOutput(this.writer.capture(), this.writer.maxCaptureLength()) : null;
	}

	/**
	 * Whether the output of this span is recorded at all.
	 * @return {@code true} to collect output
	 */
	public boolean capturesOutput() {
		return this.descriptor.captureOutput() && this.span.isRecording()
				&& this.writer.writesContent(this.descriptor.kind());
	}

	/**
	 * Records the arrival of the first element of a streamed result (once).
	 */
	public void firstElement() {
		if (this.firstElementSeen.compareAndSet(false, true)) {
			double seconds = (System.nanoTime() - this.startNanos) / (double) TimeUnit.SECONDS.toNanos(1);
			this.writer.writeFirstElement(this.span, this.descriptor, seconds);
		}
	}

	/**
	 * Ends the span successfully with the given return value.
	 * @param value the result, possibly {@code null}
	 */
	public void succeed(Object value) {
		if (this.ended.compareAndSet(false, true)) {
			this.writer.writeOutput(this.span, this.descriptor, value, this.traceState, this.nestedModelCalls,
					this.prompt);
			if (this.hook != null && this.descriptor.evaluation() != null) {
				try {
					this.hook.completed(this.span, this.descriptor, this.arguments, value, this.traceState);
				}
				catch (RuntimeException ex) {
					RecordingFailures.record("the evaluations of " + this.descriptor.spanName(), ex);
				}
			}
			end("success");
		}
	}

	/**
	 * Ends the span successfully with output already rendered (a collected stream).
	 * @param output the rendered output, or {@code null} when not captured
	 */
	public void succeedWithCaptured(CapturedContent output) {
		if (this.ended.compareAndSet(false, true)) {
			this.writer.writeCapturedOutput(this.span, this.descriptor.kind(), output);
			end("success");
		}
	}

	/**
	 * Ends the span as failed. Wrapper exceptions of asynchronous APIs are unwrapped; a
	 * cancellation is recorded as such, not as an error.
	 * @param error the failure
	 */
	public void fail(Throwable error) {
		Throwable cause = unwrap(error);
		if (cause instanceof CancellationException) {
			cancel(null);
			return;
		}
		if (this.ended.compareAndSet(false, true)) {
			this.writer.writeError(this.span, cause);
			end("error");
		}
	}

	/**
	 * Ends the span as cancelled, keeping what output was collected so far.
	 * @param partialOutput the output collected before cancellation, or {@code null}
	 */
	public void cancel(CapturedContent partialOutput) {
		if (this.ended.compareAndSet(false, true)) {
			this.writer.writeCancelled(this.span, this.descriptor.kind(), partialOutput);
			end("cancelled");
		}
	}

	private void end(String outcome) {
		this.span.end();
		try {
			this.operations.operationEnded(this.descriptor, outcome, System.nanoTime() - this.startNanos);
		}
		catch (RuntimeException ex) {
			RecordingFailures.record("the metrics of " + this.descriptor.spanName(), ex);
		}
	}

	private static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
