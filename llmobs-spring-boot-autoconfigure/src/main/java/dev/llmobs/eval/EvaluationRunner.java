package dev.llmobs.eval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import tools.jackson.databind.json.JsonMapper;

import dev.llmobs.context.ChainAccumulator;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.json.LlmObsJson;
import dev.llmobs.trace.CompletionHook;
import dev.llmobs.trace.EvaluationSpec;
import dev.llmobs.trace.SpanDescriptor;

/**
 * Runs the evaluators {@code @Evaluated} names: inline, before the span ends, or on a
 * bounded executor (bounded queue, per-evaluator timeout). A saturated executor skips the
 * evaluation and counts it; the request never waits. An evaluator that throws or times
 * out gives an {@code error} result; the business result is untouched either way.
 */
public final class EvaluationRunner implements CompletionHook {

	private static final JsonMapper json = LlmObsJson.mapper();

	private final Map<String, Evaluator> evaluators;

	private final EvaluationRecorder recorder;

	private final EvaluationListener listener;

	private final ExecutorService queue;

	private final ExecutorService workers;

	private final Duration timeout;

	private final double sampleRate;

	private final java.util.Set<String> disabled;

	private final boolean builtInsInBackground;

	/** Per {@code @Evaluated}: its evaluators split into inline and background ones. */
	private final Map<EvaluationSpec, Split> splits = new ConcurrentHashMap<>();

	/**
	 * The split looked up last: most calls come from the method before, and hashing a
	 * spec reads its list of names.
	 */
	private volatile Split lastSplit;

	/**
	 * Creates a runner.
	 * @param evaluators the evaluators by name
	 * @param recorder records results
	 * @param listener told about skipped evaluations
	 * @param queue the bounded executor asynchronous evaluations are queued on
	 * @param workers runs each evaluator so it can be timed out
	 * @param timeout the per-evaluator timeout of asynchronous evaluations
	 * @param sampleRate the global share of calls evaluated
	 * @param disabled names of declared evaluators switched off, skipped silently
	 */
	public EvaluationRunner(Map<String, Evaluator> evaluators, EvaluationRecorder recorder, EvaluationListener listener,
			ExecutorService queue, ExecutorService workers, Duration timeout, double sampleRate,
			java.util.Set<String> disabled) {
		this(evaluators, recorder, listener, queue, workers, timeout, sampleRate, disabled, false);
	}

	/**
	 * Creates a runner that may run the deterministic built-in evaluators of a
	 * non-{@code async} {@code @Evaluated} on the queue instead of before the span ends.
	 * @param evaluators the evaluators by name
	 * @param recorder records results
	 * @param listener told about skipped evaluations
	 * @param queue the bounded executor asynchronous evaluations are queued on
	 * @param workers runs each evaluator so it can be timed out
	 * @param timeout the per-evaluator timeout of asynchronous evaluations
	 * @param sampleRate the global share of calls evaluated
	 * @param disabled names of declared evaluators switched off, skipped silently
	 * @param builtInsInBackground whether built-in evaluators (pure functions of the
	 * captured question, answer and context) run on the queue, their results recorded on
	 * a linked {@code EVALUATOR} span, so the request does not wait for them
	 */
	public EvaluationRunner(Map<String, Evaluator> evaluators, EvaluationRecorder recorder, EvaluationListener listener,
			ExecutorService queue, ExecutorService workers, Duration timeout, double sampleRate,
			java.util.Set<String> disabled, boolean builtInsInBackground) {
		this.builtInsInBackground = builtInsInBackground;
		this.evaluators = Map.copyOf(evaluators);
		this.recorder = recorder;
		this.listener = listener;
		this.queue = queue;
		this.workers = workers;
		this.timeout = timeout;
		this.sampleRate = sampleRate;
		this.disabled = java.util.Set.copyOf(disabled);
	}

	/**
	 * The recorder of results.
	 * @return the recorder
	 */
	public EvaluationRecorder recorder() {
		return this.recorder;
	}

	@Override
	public void completed(Span span, SpanDescriptor descriptor, Object[] arguments, Object result,
			ChainAccumulator traceState) {
		EvaluationSpec spec = descriptor.evaluation();
		if (ThreadLocalRandom.current().nextDouble() >= spec.sampleRate() * this.sampleRate) {
			return;
		}
		EvaluationInput input = input(spec, span, arguments, result, traceState);
		String promptVersion = PromptVersions.current(traceState);
		if (promptVersion == null && descriptor.prompt() != null) {
			promptVersion = descriptor.prompt().version();
		}
		if (spec.async()) {
			submit(span.getSpanContext(), spec.evaluators(), input, promptVersion, true);
			return;
		}
		Split split = this.builtInsInBackground ? split(spec) : new Split(spec, spec.evaluators(), List.of());
		if (!split.inline().isEmpty()) {
			List<EvaluationResult> results = runAll(split.inline(), input, false);
			if (!results.isEmpty()) {
				this.recorder.recordOn(span, results, promptVersion);
			}
		}
		if (!split.background().isEmpty()) {
			// built-ins are bounded and deterministic: run on the queue's thread, untimed
			submit(span.getSpanContext(), split.background(), input, promptVersion, false);
		}
	}

	private void submit(SpanContext target, List<String> names, EvaluationInput input, String promptVersion,
			boolean timed) {
		LlmObsContext session = LlmObsContext.current();
		try {
			this.queue.execute(() -> {
				List<EvaluationResult> results = runAll(names, input, timed);
				if (!results.isEmpty()) {
					try (Scope scope = session.storeIn(Context.root()).makeCurrent()) {
						this.recorder.recordAfter(target, results, promptVersion);
					}
				}
			});
		}
		catch (RejectedExecutionException ex) {
			names.forEach(this.listener::skipped);
		}
	}

	private Split split(EvaluationSpec spec) {
		Split last = this.lastSplit;
		if (last != null && last.spec() == spec) {
			return last;
		}
		// a plain read first: computeIfAbsent may lock the bin even when the key is there
		Split known = this.splits.get(spec);
		if (known == null) {
			known = this.splits.computeIfAbsent(spec, this::newSplit);
		}
		this.lastSplit = known;
		return known;
	}

	private Split newSplit(EvaluationSpec spec) {
		List<String> inline = new ArrayList<>();
		List<String> background = new ArrayList<>();
		for (String name : spec.evaluators()) {
			// a switched-off evaluator is skipped silently, as runAll does
			if (!this.disabled.contains(name)) {
				(BuiltInEvaluators.isBuiltIn(this.evaluators.get(name)) ? background : inline).add(name);
			}
		}
		return new Split(spec, List.copyOf(inline), List.copyOf(background));
	}

	/**
	 * The evaluators of one {@code @Evaluated} (switched-off ones left out) run before
	 * the span ends, and after.
	 */
	private record Split(EvaluationSpec spec, List<String> inline, List<String> background) {
	}

	/**
	 * Runs evaluators now, on the calling thread.
	 * @param names the evaluator names
	 * @param input the input
	 * @return one result per name
	 */
	public List<EvaluationResult> evaluate(List<String> names, EvaluationInput input) {
		return runAll(names, input, false);
	}

	private List<EvaluationResult> runAll(List<String> names, EvaluationInput input, boolean timed) {
		List<EvaluationResult> results = new ArrayList<>(names.size());
		for (String name : names) {
			if (!this.disabled.contains(name)) {
				results.add(run(name, input, timed));
			}
		}
		return results;
	}

	private EvaluationResult run(String name, EvaluationInput input, boolean timed) {
		Evaluator evaluator = this.evaluators.get(name);
		if (evaluator == null) {
			return EvaluationResult.error(name, "no evaluator named '" + name + "'");
		}
		try {
			EvaluationResult result;
			if (timed) {
				CompletableFuture<EvaluationResult> future = CompletableFuture
					.supplyAsync(() -> evaluateUnchecked(evaluator, input), this.workers);
				try {
					result = future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (TimeoutException ex) {
					future.cancel(true);
					return EvaluationResult.error(name, "timed out after " + this.timeout.toMillis() + " ms");
				}
			}
			else {
				result = evaluator.evaluate(input);
			}
			return (result != null) ? result : EvaluationResult.error(name, "the evaluator returned nothing");
		}
		catch (ExecutionException ex) {
			return EvaluationResult.error(name, "failed: " + ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return EvaluationResult.error(name, "interrupted");
		}
		catch (Exception ex) {
			return EvaluationResult.error(name, "failed: " + ex);
		}
	}

	private static EvaluationResult evaluateUnchecked(Evaluator evaluator, EvaluationInput input) {
		try {
			return evaluator.evaluate(input);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static EvaluationInput input(EvaluationSpec spec, Span span, Object[] arguments, Object result,
			ChainAccumulator traceState) {
		String question = null;
		int questionIndex = (spec.questionIndex() >= 0) ? spec.questionIndex() : 0;
		if (arguments != null && questionIndex < arguments.length) {
			question = text(arguments[questionIndex]);
		}
		List<String> context;
		if (spec.contextIndex() >= 0 && arguments != null && spec.contextIndex() < arguments.length) {
			context = texts(arguments[spec.contextIndex()]);
		}
		else {
			context = (traceState != null) ? traceState.documents() : List.of();
		}
		return new EvaluationInput(question, answerText(result), context, LlmObsContext.current().metadata(),
				span.getSpanContext().getTraceId(), span.getSpanContext().getSpanId());
	}

	private static List<String> texts(Object value) {
		List<String> texts = new ArrayList<>();
		if (value instanceof Collection<?> collection) {
			collection.forEach((item) -> texts.add(answerText(item)));
		}
		else if (value != null) {
			texts.add(answerText(value));
		}
		return texts;
	}

	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		try {
			return json.writeValueAsString(value);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The text of an answer: itself when text, else its {@code answer}, {@code text} or
	 * {@code content} property, else its JSON.
	 */
	static String answerText(Object value) {
		if (value == null || value instanceof CharSequence) {
			return (value != null) ? value.toString() : null;
		}
		String text = TextAccessors.textOf(value);
		return (text != null) ? text : text(value);
	}

}
