package dev.llmobs.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceJsonTests {

	private final List<CompletedTrace> completed = new ArrayList<>();

	private final Tracer tracer = SdkTracerProvider.builder()
		.addSpanProcessor(new TraceAssembler(10, 100, List.of(this.completed::add), List.of()))
		.build()
		.get("test");

	@Test
	@SuppressWarnings("unchecked")
	void summaryListsEachEvaluatorsVerdictTheModelsAndThePrompts() {
		Span root = this.tracer.spanBuilder("support-flow")
			.setAttribute("openinference.span.kind", "CHAIN")
			.setAttribute("llmobs.span.kind", "chain")
			.setAttribute("evaluations.0.evaluation.name", "context-overlap")
			.setAttribute("evaluations.0.evaluation.verdict", "pass")
			.setAttribute("evaluations.0.evaluation.score", 0.8)
			.setAttribute("evaluations.1.evaluation.name", "pii-leak")
			.setAttribute("evaluations.1.evaluation.verdict", "fail")
			.startSpan()
			// the GenAI convention's copy of the first evaluation, on the same span
			.addEvent("gen_ai.evaluation.result",
					Attributes.builder()
						.put("gen_ai.evaluation.name", "context-overlap")
						.put("gen_ai.evaluation.score.label", "pass")
						.build());
		try (Scope scope = root.makeCurrent()) {
			this.tracer.spanBuilder("model")
				.setAttribute("llm.model_name", "gpt-test")
				.setAttribute("llm.prompt_template.version", "v2")
				.setAttribute("gen_ai.prompt.name", "support-answer")
				.startSpan()
				.addEvent("gen_ai.evaluation.result",
						Attributes.builder()
							.put("gen_ai.evaluation.name", "judge")
							.put("gen_ai.evaluation.score.label", "fail")
							.build())
				.end();
		}
		root.end();

		Map<String, Object> summary = TraceJson.summaryWithTurn(this.completed.get(0));
		List<Map<String, Object>> evaluations = (List<Map<String, Object>>) summary.get("evaluations");
		assertThat(evaluations).extracting((evaluation) -> evaluation.get("name") + "=" + evaluation.get("verdict"))
			.containsExactlyInAnyOrder("context-overlap=pass", "pii-leak=fail", "judge=fail");
		assertThat(summary.get("models")).isEqualTo(List.of("gpt-test"));
		assertThat(summary.get("promptVersions")).isEqualTo(List.of("v2"));
		assertThat(summary.get("prompts")).isEqualTo(List.of(Map.of("name", "support-answer", "version", "v2")));
	}

}
