package dev.llmobs.eval;

import java.util.List;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadableSpan;

import dev.llmobs.context.LlmObsContext;
import dev.llmobs.trace.LlmObsAttributes;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.SpanIdentity;
import dev.llmobs.trace.convention.EvaluationOutcome;
import dev.llmobs.trace.convention.GenAiConvention;
import dev.llmobs.trace.convention.LlmSpanConvention;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.trace.convention.OpenInferenceConvention;

/**
 * Records evaluation results on every channel: while the target span is open, in each
 * active convention (OpenInference's {@code evaluations.N.evaluation.*} attributes, a
 * GenAI {@code gen_ai.evaluation.result} span event and
 * {@code gen_ai.evaluation.verdict}, ...); after it ended, on a short {@code EVALUATOR}
 * span in the same trace, linked to the target, carrying the same. Each result is also a
 * {@code gen_ai.evaluation.result} log record in the context of the judged span (so it
 * carries that span's trace and span ids), with the conventions' attribute names and
 * {@code gen_ai.response.id} when the judged span carries one.
 */
public final class EvaluationRecorder {

	static final String EVENT = GenAiConvention.EVALUATION_EVENT;

	private static final int MAX_INDEX = 64;

	private final Tracer tracer;

	private final EvaluationListener listener;

	private final Logger logger;

	private final LlmSpanConventions conventions;

	private final UnaryOperator<String> explanations;

	/** The attributes of every {@code EVALUATOR} span, fixed by the conventions. */
	private final Attributes evaluatorAttributes;

	/**
	 * Creates a recorder.
	 * @param tracer creates {@code EVALUATOR} spans
	 * @param listener told about every result
	 */
	public EvaluationRecorder(Tracer tracer, EvaluationListener listener) {
		this(tracer, listener, null);
	}

	/**
	 * Creates a recorder that also emits one log record per evaluation, in the default
	 * conventions.
	 * @param tracer creates {@code EVALUATOR} spans
	 * @param listener told about every result
	 * @param logger emits log records (the channel some backends read evaluations from),
	 * or {@code null} for none
	 */
	public EvaluationRecorder(Tracer tracer, EvaluationListener listener, Logger logger) {
		this(tracer, listener, logger, LlmSpanConventions.defaults(), UnaryOperator.identity());
	}

	/**
	 * Creates a recorder that also emits one log record per evaluation.
	 * @param tracer creates {@code EVALUATOR} spans
	 * @param listener told about every result
	 * @param logger emits log records (the channel some backends read evaluations from),
	 * or {@code null} for none
	 * @param conventions the conventions results are written in
	 */
	public EvaluationRecorder(Tracer tracer, EvaluationListener listener, Logger logger,
			LlmSpanConventions conventions) {
		this(tracer, listener, logger, conventions, UnaryOperator.identity());
	}

	/**
	 * Creates a recorder whose explanations pass through redaction: a judge's explanation
	 * often quotes the answer or the question it judged.
	 * @param tracer creates {@code EVALUATOR} spans
	 * @param listener told about every result
	 * @param logger emits log records, or {@code null} for none
	 * @param conventions the conventions results are written in
	 * @param explanations redacts an explanation before it is recorded
	 */
	public EvaluationRecorder(Tracer tracer, EvaluationListener listener, Logger logger, LlmSpanConventions conventions,
			UnaryOperator<String> explanations) {
		this.tracer = tracer;
		this.listener = listener;
		this.logger = logger;
		this.conventions = conventions;
		this.explanations = explanations;
		this.evaluatorAttributes = LlmSpanTracer.staticAttributes(LlmSpanKind.EVALUATOR, "evaluate", SpanIdentity.NONE,
				conventions);
	}

	/**
	 * Records results on an open span.
	 * @param span the target span
	 * @param results the results
	 */
	public void recordOn(Span span, List<EvaluationResult> results) {
		recordOn(span, results, PromptVersions.current(null));
	}

	/**
	 * Records results on an open span, for a call made with a given prompt version.
	 * @param span the target span
	 * @param results the results
	 * @param promptVersion the prompt template's version, or {@code null}
	 */
	public void recordOn(Span span, List<EvaluationResult> results, String promptVersion) {
		record(span, span.getSpanContext(), results, promptVersion);
	}

	private void record(Span span, SpanContext judged, List<EvaluationResult> results, String promptVersion) {
		int index = nextIndex(span);
		String responseId = responseId(span);
		for (EvaluationResult recorded : results) {
			EvaluationResult result = redacted(recorded);
			EvaluationOutcome outcome = outcome(result);
			for (LlmSpanConvention convention : this.conventions.all()) {
				convention.evaluation(span, index, outcome);
			}
			index++;
			this.listener.evaluated(new EvaluationEvent(result, promptVersion));
			log(judged, outcome, responseId);
		}
		String verdict = verdict(span, results);
		if (verdict != null) {
			for (LlmSpanConvention convention : this.conventions.all()) {
				convention.evaluationVerdict(span, verdict);
			}
		}
		// not every convention keeps an errored result on the span; tail sampling needs
		// it
		if (any(results, Verdict.ERROR)) {
			span.setAttribute(LlmObsAttributes.LLMOBS_EVALUATION_ERROR, true);
		}
	}

	/**
	 * Records results on a new {@code EVALUATOR} span, child of and linked to the target.
	 * @param target the target span's context
	 * @param results the results
	 */
	public void recordAfter(SpanContext target, List<EvaluationResult> results) {
		recordAfter(target, results, PromptVersions.current(null));
	}

	/**
	 * Records results on a new {@code EVALUATOR} span, for a call made with a given
	 * prompt version.
	 * @param target the target span's context
	 * @param results the results
	 * @param promptVersion the prompt template's version, or {@code null}
	 */
	public void recordAfter(SpanContext target, List<EvaluationResult> results, String promptVersion) {
		// the session, user and metadata of the evaluated call go on the EVALUATOR span
		// too
		Span span = this.tracer.spanBuilder("evaluate")
			.setParent(LlmObsContext.current().storeIn(Context.root().with(Span.wrap(target))))
			.addLink(target)
			.setAllAttributes(this.evaluatorAttributes)
			.startSpan();
		try {
			record(span, target, results, promptVersion);
		}
		finally {
			span.end();
		}
	}

	private EvaluationResult redacted(EvaluationResult result) {
		if (result.explanation() == null) {
			return result;
		}
		String explanation = this.explanations.apply(result.explanation());
		return explanation.equals(result.explanation()) ? result
				: new EvaluationResult(result.name(), result.score(), result.label(), result.verdict(), explanation);
	}

	private void log(SpanContext judged, EvaluationOutcome outcome, String responseId) {
		if (this.logger == null) {
			return;
		}
		// In the judged span's context, so the record carries its trace and span ids
		// (also when the results are written on a later EVALUATOR span).
		LogRecordBuilder record = this.logger.logRecordBuilder()
			.setContext(Context.root().with(Span.wrap(judged)))
			.setSeverity(Severity.INFO)
			.setEventName(EVENT)
			.setAllAttributes(GenAiConvention.evaluationAttributes(outcome))
			.setAttribute(LlmObsAttributes.GEN_AI_EVALUATION_VERDICT, outcome.verdict());
		if (responseId != null) {
			record.setAttribute(LlmObsAttributes.GEN_AI_RESPONSE_ID, responseId);
		}
		record.setBody("evaluation " + outcome.name() + ": " + outcome.verdict()).emit();
	}

	private static String responseId(Span span) {
		return (span instanceof ReadableSpan readable) ? readable.getAttribute(LlmObsAttributes.GEN_AI_RESPONSE_ID)
				: null;
	}

	private static EvaluationOutcome outcome(EvaluationResult result) {
		return new EvaluationOutcome(result.name(), result.score(), result.label(), result.verdict().value(),
				result.explanation());
	}

	private static int nextIndex(Span span) {
		if (!(span instanceof ReadableSpan readable)) {
			return 0;
		}
		int index = 0;
		while (index < MAX_INDEX && readable.getAttribute(OpenInferenceConvention.evaluationNameKey(index)) != null) {
			index++;
		}
		return index;
	}

	private static String verdict(Span span, List<EvaluationResult> results) {
		boolean failed = any(results, Verdict.FAIL);
		boolean passed = any(results, Verdict.PASS);
		if (span instanceof ReadableSpan readable
				&& "fail".equals(readable.getAttribute(LlmObsAttributes.GEN_AI_EVALUATION_VERDICT))) {
			return "fail";
		}
		return failed ? "fail" : (passed ? "pass" : null);
	}

	private static boolean any(List<EvaluationResult> results, Verdict verdict) {
		for (EvaluationResult result : results) {
			if (result.verdict() == verdict) {
				return true;
			}
		}
		return false;
	}

}
