package dev.llmobs.eval;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

import dev.llmobs.context.ContextStampingSpanProcessor;
import dev.llmobs.springai.SpringAiJudgeClient;
import dev.llmobs.trace.EvaluationSpec;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.SpanDescriptor;
import dev.llmobs.trace.SpanIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmJudgeEvaluatorTests {

	private final AtomicReference<Prompt> lastPrompt = new AtomicReference<>();

	private final EvaluationInput input = new EvaluationInput("How long do refunds take?",
			"Refunds take five business days.", List.of("Refunds are processed within five business days."), Map.of(),
			"t", "s");

	/** A scripted Spring AI chat model answering with fixed text. */
	private ChatModel scripted(String answer) {
		return new ChatModel() {
			@Override
			public ChatResponse call(Prompt prompt) {
				LlmJudgeEvaluatorTests.this.lastPrompt.set(prompt);
				return new ChatResponse(List.of(new Generation(new AssistantMessage(answer))));
			}
		};
	}

	private LlmJudgeEvaluator judge(ChatModel model) {
		return new LlmJudgeEvaluator("llm-judge", new SpringAiJudgeClient(model), "Correct and grounded.", 0.7, 5);
	}

	@Test
	void validJsonIsScoredOnTheScale() throws Exception {
		EvaluationResult result = judge(
				scripted("{\"score\": 4, \"label\": \"good\", \"explanation\": \"Matches the policy.\"}"))
			.evaluate(this.input);
		assertThat(result.score()).isEqualTo(0.8);
		assertThat(result.verdict()).isEqualTo(Verdict.PASS);
		assertThat(result.label()).isEqualTo("good");
		assertThat(result.explanation()).isEqualTo("Matches the policy.");
		String sent = this.lastPrompt.get().getContents();
		assertThat(sent).contains("Correct and grounded.")
			.contains("How long do refunds take?")
			.contains("Refunds are processed within five business days.")
			.contains("from 0 to 5");
	}

	@Test
	void lowScoreFails() throws Exception {
		assertThat(judge(scripted("{\"score\": 1}")).evaluate(this.input).verdict()).isEqualTo(Verdict.FAIL);
	}

	@Test
	void malformedAnswersAreErrorsNotScores() throws Exception {
		for (String malformed : List.of("The answer is great, 5/5!", "{\"score\": \"high\"}", "{\"label\": \"ok\"}",
				"{\"score\": 9}", "[4]", "")) {
			EvaluationResult result = judge(scripted(malformed)).evaluate(this.input);
			assertThat(result.verdict()).as(malformed).isEqualTo(Verdict.ERROR);
			assertThat(result.score()).as(malformed).isNull();
			assertThat(result.explanation()).startsWith("malformed judge answer");
		}
	}

	@Test
	void failingModelPropagatesSoTheRunnerRecordsAnError() {
		ChatModel failing = new ChatModel() {
			@Override
			public ChatResponse call(Prompt prompt) {
				throw new IllegalStateException("429 Too Many Requests");
			}
		};
		assertThatThrownBy(() -> judge(failing).evaluate(this.input)).hasMessageContaining("429");
		EvaluationRunner runner = new EvaluationRunner(Map.of("llm-judge", judge(failing)),
				new EvaluationRecorder(SdkTracerProvider.builder().build().get("t"), EvaluationListener.NONE),
				EvaluationListener.NONE, EvaluationExecutors.queue(1, 1), EvaluationExecutors.workers(1),
				java.time.Duration.ofSeconds(1), 1.0, java.util.Set.of());
		assertThat(runner.evaluate(List.of("llm-judge"), this.input)).singleElement()
			.satisfies((result) -> assertThat(result.verdict()).isEqualTo(Verdict.ERROR));
	}

	@Test
	void slowJudgeTimesOutAsAnErrorWhenAsynchronous() throws Exception {
		ChatModel slow = new ChatModel() {
			@Override
			public ChatResponse call(Prompt prompt) {
				try {
					Thread.currentThread().join(5_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return new ChatResponse(List.of(new Generation(new AssistantMessage("{\"score\": 1}"))));
			}
		};
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build();
		EvaluationRunner runner = new EvaluationRunner(Map.of("llm-judge", judge(slow)),
				new EvaluationRecorder(provider.get("t"), EvaluationListener.NONE), EvaluationListener.NONE,
				EvaluationExecutors.queue(1, 1), EvaluationExecutors.workers(1), java.time.Duration.ofMillis(50), 1.0,
				java.util.Set.of());
		Span target = provider.get("t").spanBuilder("answer").startSpan();
		SpanDescriptor descriptor = new SpanDescriptor(LlmSpanKind.CHAIN, "answer",
				io.opentelemetry.api.common.Attributes.empty(), true, true, new String[0], new int[0], -1,
				SpanIdentity.NONE, new EvaluationSpec(List.of("llm-judge"), 1.0, true, -1, -1), null);
		runner.completed(target, descriptor, new Object[] { "How long do refunds take?" }, "Five days.", null);
		target.end();
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
		while (exporter.getFinishedSpanItems().size() < 2 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(exporter.getFinishedSpanItems()).filteredOn((span) -> span.getName().equals("evaluate"))
			.singleElement()
			.satisfies((span) -> {
				assertThat(span.getAttributes().get(AttributeKey.stringKey("evaluations.0.evaluation.verdict")))
					.isEqualTo("error");
				assertThat(span.getAttributes().get(AttributeKey.stringKey("evaluations.0.evaluation.explanation")))
					.startsWith("timed out after 50");
			});
	}

	@Test
	void judgeCallsAreMarkedAndKeptApart() throws Exception {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(new ContextStampingSpanProcessor())
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build();
		JudgeClient tracedClient = (system, user) -> {
			Span call = provider.get("t").spanBuilder("judge-model-call").startSpan();
			call.end();
			return "{\"score\": 1}";
		};
		new LlmJudgeEvaluator("llm-judge", tracedClient, "rubric", 0.5, 1).evaluate(this.input);
		assertThat(exporter.getFinishedSpanItems()).singleElement()
			.satisfies(
					(span) -> assertThat(span.getAttributes().get(AttributeKey.booleanKey("llmobs.evaluation.judge")))
						.isTrue());
	}

}
