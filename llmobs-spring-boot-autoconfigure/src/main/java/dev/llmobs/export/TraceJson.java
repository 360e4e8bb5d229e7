package dev.llmobs.export;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;

import dev.llmobs.trace.LlmObsAttributes;
import dev.llmobs.trace.convention.GenAiConvention;

/**
 * Renders kept traces as JSON-ready maps, for {@code /actuator/llmobs} and the trace
 * viewer.
 */
public final class TraceJson {

	private static final int PREVIEW = 500;

	/** Evaluations read per span: bounds the work on a malformed span. */
	private static final int MAX_EVALUATIONS = 64;

	private TraceJson() {
	}

	/**
	 * A trace's summary with the question and answer of its top chain, for lists of
	 * turns.
	 * @param trace the trace
	 * @return the summary
	 */
	public static Map<String, Object> summaryWithTurn(CompletedTrace trace) {
		TraceSummary summary = trace.summary();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("traceId", summary.traceId());
		result.put("rootName", summary.rootName());
		result.put("startEpochMillis", summary.startEpochMillis());
		result.put("durationMillis", summary.durationMillis());
		result.put("spanCount", summary.spanCount());
		result.put("totalTokens", summary.totalTokens());
		result.put("costUsd", summary.costUsd());
		result.put("evaluationsPassed", summary.evaluationsPassed());
		result.put("evaluationsFailed", summary.evaluationsFailed());
		result.put("sessionId", summary.sessionId());
		result.put("userId", summary.userId());
		result.put("error", summary.error());
		result.put("llm", summary.llm());
		result.put("workflowName", summary.workflowName());
		result.put("inputPreview", summary.inputPreview());
		result.put("outputPreview", summary.outputPreview());
		result.put("feedback", summary.feedback());
		result.put("evaluations", evaluations(trace.spans()));
		result.put("models", distinct(trace.spans(), LlmObsAttributes.LLM_MODEL_NAME,
				LlmObsAttributes.GEN_AI_RESPONSE_MODEL, LlmObsAttributes.GEN_AI_REQUEST_MODEL));
		result.put("promptVersions", distinct(trace.spans(), LlmObsAttributes.LLM_PROMPT_TEMPLATE_VERSION));
		result.put("prompts", prompts(trace.spans()));
		trace.spans()
			.stream()
			.filter((span) -> "chain".equals(span.getAttributes().get(LlmObsAttributes.LLMOBS_SPAN_KIND)))
			.min(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos))
			.ifPresent((chain) -> {
				result.put("question", preview(chain.getAttributes().get(LlmObsAttributes.INPUT_VALUE)));
				result.put("answer", preview(chain.getAttributes().get(LlmObsAttributes.OUTPUT_VALUE)));
			});
		return result;
	}

	/**
	 * Each evaluation recorded in a trace, as written by the active convention:
	 * OpenInference's {@code evaluations.N.evaluation.*} attributes or, on a span without
	 * them, GenAI's {@code gen_ai.evaluation.result} events (whose label is the verdict
	 * when the evaluator gave none).
	 */
	private static List<Map<String, Object>> evaluations(List<SpanData> spans) {
		List<Map<String, Object>> result = new ArrayList<>();
		for (SpanData span : spans) {
			Attributes attributes = span.getAttributes();
			int before = result.size();
			for (int i = 0; i < MAX_EVALUATIONS; i++) {
				String prefix = "evaluations." + i + ".evaluation.";
				String name = attributes.get(AttributeKey.stringKey(prefix + "name"));
				if (name == null) {
					break;
				}
				result.add(evaluation(name, attributes.get(AttributeKey.stringKey(prefix + "verdict")),
						attributes.get(AttributeKey.doubleKey(prefix + "score")),
						attributes.get(AttributeKey.stringKey(prefix + "label"))));
			}
			// with both conventions on, the events repeat the attributes
			for (EventData event : span.getEvents()) {
				if (result.size() == before && GenAiConvention.EVALUATION_EVENT.equals(event.getName())) {
					Attributes described = event.getAttributes();
					String label = described.get(LlmObsAttributes.GEN_AI_EVALUATION_SCORE_LABEL);
					String verdict = described.get(LlmObsAttributes.GEN_AI_EVALUATION_VERDICT);
					if (verdict == null && ("pass".equals(label) || "fail".equals(label) || "skip".equals(label))) {
						verdict = label;
					}
					result.add(evaluation(described.get(LlmObsAttributes.GEN_AI_EVALUATION_NAME), verdict,
							described.get(LlmObsAttributes.GEN_AI_EVALUATION_SCORE_VALUE), label));
				}
			}
		}
		return result;
	}

	private static Map<String, Object> evaluation(String name, String verdict, Double score, String label) {
		Map<String, Object> evaluation = new LinkedHashMap<>();
		evaluation.put("name", name);
		evaluation.put("verdict", verdict);
		evaluation.put("score", score);
		evaluation.put("label", label);
		return evaluation;
	}

	/**
	 * The prompt templates the application's model calls used (judges excluded): name
	 * (the template's id, else its hash) and version.
	 */
	private static List<Map<String, String>> prompts(List<SpanData> spans) {
		Set<Map<String, String>> prompts = new LinkedHashSet<>();
		for (SpanData span : spans) {
			Attributes attributes = span.getAttributes();
			if (Boolean.TRUE.equals(attributes.get(LlmObsAttributes.LLMOBS_EVALUATION_JUDGE))) {
				continue;
			}
			String name = attributes.get(LlmObsAttributes.GEN_AI_PROMPT_NAME);
			name = (name != null) ? name : attributes.get(LlmObsAttributes.LLMOBS_PROMPT_HASH);
			String version = attributes.get(LlmObsAttributes.LLM_PROMPT_TEMPLATE_VERSION);
			if (name != null || version != null) {
				Map<String, String> prompt = new LinkedHashMap<>();
				prompt.put("name", (name != null) ? name : "(unnamed)");
				prompt.put("version", (version != null) ? version : "(none)");
				prompts.add(prompt);
			}
		}
		return List.copyOf(prompts);
	}

	@SafeVarargs
	private static List<String> distinct(List<SpanData> spans, AttributeKey<String>... keys) {
		Set<String> values = new LinkedHashSet<>();
		for (SpanData span : spans) {
			for (AttributeKey<String> key : keys) {
				String value = span.getAttributes().get(key);
				if (value != null && !value.isEmpty()) {
					values.add(value);
					break;
				}
			}
		}
		return List.copyOf(values);
	}

	private static String preview(String text) {
		return (text != null && text.length() > PREVIEW) ? text.substring(0, PREVIEW) + "…" : text;
	}

	/**
	 * One trace as JSON-ready maps: its summary and its span tree, every attribute and
	 * event.
	 * @param trace the trace
	 * @return the description
	 */
	public static Map<String, Object> describe(CompletedTrace trace) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("summary", trace.summary());
		List<Map<String, Object>> roots = new ArrayList<>();
		for (TraceTree tree : TraceTree.of(trace.spans())) {
			roots.add(describe(tree));
		}
		result.put("spans", roots);
		return result;
	}

	private static Map<String, Object> describe(TraceTree tree) {
		SpanData span = tree.span();
		Map<String, Object> node = new LinkedHashMap<>();
		node.put("spanId", span.getSpanId());
		node.put("parentSpanId", span.getParentSpanContext().isValid() ? span.getParentSpanId() : null);
		node.put("name", span.getName());
		node.put("kind", span.getAttributes().get(LlmObsAttributes.LLMOBS_SPAN_KIND));
		node.put("spanKind", span.getKind().name());
		node.put("startEpochMicros", span.getStartEpochNanos() / 1000);
		node.put("durationMillis", (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1_000_000.0);
		node.put("status", span.getStatus().getStatusCode().name());
		node.put("statusMessage", span.getStatus().getDescription());
		node.put("attributes", attributes(span.getAttributes()));
		List<Map<String, Object>> events = new ArrayList<>();
		for (EventData event : span.getEvents()) {
			Map<String, Object> described = new LinkedHashMap<>();
			described.put("name", event.getName());
			described.put("attributes", attributes(event.getAttributes()));
			events.add(described);
		}
		node.put("events", events);
		List<Map<String, Object>> links = new ArrayList<>();
		for (LinkData link : span.getLinks()) {
			links.add(
					Map.of("traceId", link.getSpanContext().getTraceId(), "spanId", link.getSpanContext().getSpanId()));
		}
		node.put("links", links);
		List<Map<String, Object>> children = new ArrayList<>();
		for (TraceTree child : tree.children()) {
			children.add(describe(child));
		}
		node.put("children", children);
		return node;
	}

	private static Map<String, Object> attributes(Attributes attributes) {
		Map<String, Object> result = new java.util.TreeMap<>();
		attributes.forEach((key, value) -> result.put(key.getKey(), value));
		return result;
	}

}
