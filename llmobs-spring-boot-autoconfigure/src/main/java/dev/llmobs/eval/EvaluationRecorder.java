package dev.llmobs.eval;

import java.util.List;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadableSpan;

import dev.llmobs.trace.LlmObsAttributes;

/**
 * Records evaluation results on every channel: while the target span is open, as
 * {@code evaluations.N.evaluation.*} attributes (OpenInference), a
 * {@code gen_ai.evaluation.result} event per result (OpenTelemetry GenAI) and
 * {@code gen_ai.evaluation.verdict}; after it ended, on a short {@code EVALUATOR} span in
 * the same trace, linked to the target, carrying the same attributes and events.
 */
public final class EvaluationRecorder {

	static final String EVENT = "gen_ai.evaluation.result";

	private static final int MAX_INDEX = 64;

	private final Tracer tracer;

	private final EvaluationListener listener;

	private final Logger logger;

	private final UnaryOperator<String> explanations;

	/**
	 * Creates a recorder.
	 * @param tracer creates {@code EVALUATOR} spans
	 * @param listener told about every result
	 */
	public EvaluationRecorder(Tracer tracer, EvaluationListener listener) {
		this(tracer, listener, null);
	}

	/**
	 * Creates a recorder that also emits one log record per evaluation.
	 * @param tracer creates {@code EVALUATOR} spans
	 * @param listener told about every result
	 * @param logger emits log records (the channel some backends read evaluations from),
	 * or {@code null} for none
	 */
	public EvaluationRecorder(Tracer tracer, EvaluationListener listener, Logger logger) {
		this(tracer, listener, logger, UnaryOperator.identity());
	}

	/**
	 * Creates a recorder whose explanations pass through redaction: a judge's explanation
	 * often quotes the answer or the question it judged.
	 * @param tracer creates {@code EVALUATOR} spans
	 * @param listener told about every result
	 * @param logger emits log records, or {@code null} for none
	 * @param explanations redacts an explanation before it is recorded
	 */
	public EvaluationRecorder(Tracer tracer, EvaluationListener listener, Logger logger,
			UnaryOperator<String> explanations) {
		this.tracer = tracer;
		this.listener = listener;
		this.logger = logger;
		this.explanations = explanations;
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
		int index = nextIndex(span);
		for (EvaluationResult recorded : results) {
			EvaluationResult result = redacted(recorded);
			span.setAllAttributes(indexed(index++, result));
			span.addEvent(EVENT, eventAttributes(result));
			this.listener.evaluated(result, promptVersion);
			log(span, result);
		}
		String verdict = verdict(span, results);
		if (verdict != null) {
			span.setAttribute(LlmObsAttributes.GEN_AI_EVALUATION_VERDICT, verdict);
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
		Span span = this.tracer.spanBuilder("evaluate")
			.setParent(Context.root().with(Span.wrap(target)))
			.addLink(target)
			.setAttribute("openinference.span.kind", "EVALUATOR")
			.setAttribute("llmobs.span.kind", "evaluator")
			.setAttribute("gen_ai.operation.name", "evaluate")
			.startSpan();
		try {
			recordOn(span, results, promptVersion);
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

	private void log(Span span, EvaluationResult result) {
		if (this.logger == null) {
			return;
		}
		this.logger.logRecordBuilder()
			.setContext(Context.root().with(span))
			.setSeverity(Severity.INFO)
			.setEventName(EVENT)
			.setAllAttributes(eventAttributes(result))
			.setAttribute(LlmObsAttributes.GEN_AI_EVALUATION_VERDICT, result.verdict().value())
			.setBody("evaluation " + result.name() + ": " + result.verdict().value())
			.emit();
	}

	private static int nextIndex(Span span) {
		if (!(span instanceof ReadableSpan readable)) {
			return 0;
		}
		int index = 0;
		while (index < MAX_INDEX && readable.getAttribute(key(index, "name")) != null) {
			index++;
		}
		return index;
	}

	private static String verdict(Span span, List<EvaluationResult> results) {
		boolean failed = results.stream().anyMatch((result) -> result.verdict() == Verdict.FAIL);
		boolean passed = results.stream().anyMatch((result) -> result.verdict() == Verdict.PASS);
		if (span instanceof ReadableSpan readable
				&& "fail".equals(readable.getAttribute(LlmObsAttributes.GEN_AI_EVALUATION_VERDICT))) {
			return "fail";
		}
		return failed ? "fail" : (passed ? "pass" : null);
	}

	private static Attributes indexed(int index, EvaluationResult result) {
		AttributesBuilder builder = Attributes.builder();
		builder.put(key(index, "name"), result.name());
		if (result.score() != null) {
			builder.put(AttributeKey.doubleKey("evaluations." + index + ".evaluation.score"), result.score());
		}
		if (result.label() != null) {
			builder.put(key(index, "label"), result.label());
		}
		builder.put(key(index, "verdict"), result.verdict().value());
		if (result.explanation() != null) {
			builder.put(key(index, "explanation"), result.explanation());
		}
		return builder.build();
	}

	private static AttributeKey<String> key(int index, String field) {
		return AttributeKey.stringKey("evaluations." + index + ".evaluation." + field);
	}

	static Attributes eventAttributes(EvaluationResult result) {
		AttributesBuilder builder = Attributes.builder().put(LlmObsAttributes.GEN_AI_EVALUATION_NAME, result.name());
		if (result.score() != null) {
			builder.put(LlmObsAttributes.GEN_AI_EVALUATION_SCORE_VALUE, result.score());
		}
		builder.put(LlmObsAttributes.GEN_AI_EVALUATION_SCORE_LABEL,
				(result.label() != null) ? result.label() : result.verdict().value());
		if (result.explanation() != null) {
			builder.put(LlmObsAttributes.GEN_AI_EVALUATION_EXPLANATION, result.explanation());
		}
		return builder.build();
	}

}
