package dev.llmobs.autoconfigure;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

import dev.llmobs.annotation.Embedding;
import dev.llmobs.annotation.Evaluated;
import dev.llmobs.annotation.LlmAgent;
import dev.llmobs.annotation.LlmCall;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmTask;
import dev.llmobs.annotation.LlmTool;
import dev.llmobs.annotation.Retriever;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.llm.UsageExtractor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One golden test per span kind with the newest GenAI conventions on: every
 * {@code gen_ai.*} key a span carries is a constant of the semantic conventions artifact
 * ({@code opentelemetry-semconv-incubating}) or one of the documented exceptions below,
 * and the keys the kind must carry are there.
 */
class LatestGenAiConventionGoldenTests {

	/**
	 * Defined by the GenAI conventions with type {@code any} (structured values), which
	 * the generated Java constants leave out; recorded as JSON text.
	 */
	static final Set<String> ANY_TYPED = Set.of("gen_ai.input.messages", "gen_ai.output.messages",
			"gen_ai.system_instructions", "gen_ai.tool.call.arguments", "gen_ai.tool.call.result");

	/**
	 * Keys this library writes although the semantic conventions do not define them
	 * (documented in the README): the cost Langfuse reads and the overall verdict of a
	 * span's evaluations.
	 */
	static final Set<String> EXTENSIONS = Set.of("gen_ai.usage.cost", "gen_ai.evaluation.verdict");

	private static final JsonMapper JSON = JsonMapper.shared();

	private final InMemorySpanExporter spans = InMemorySpanExporter.create();

	private final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, LlmObsAutoConfiguration.class))
		.withPropertyValues("OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental")
		.withBean(OpenTelemetry.class, () -> OpenTelemetrySdk.builder()
			.setTracerProvider(
					SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(this.spans)).build())
			.setLoggerProvider(SdkLoggerProvider.builder()
				.addLogRecordProcessor(SimpleLogRecordProcessor.create(this.logs))
				.build())
			.build())
		.withBean(UsageExtractor.class,
				() -> (response) -> (response instanceof HouseResponse house) ? new LlmUsage(house.in(), house.out(),
						3L, "gpt-4o-mini-2024-07-18", List.of("end_turn"), house.text()) : null)
		.withBean(Assistant.class, Assistant::new);

	@Test
	void chainSpanCarriesOnlyKnownGenAiKeys() {
		golden((assistant) -> assistant.chain("Where is my order?"), "chain",
				(keys) -> assertThat(keys).contains("gen_ai.operation.name", "gen_ai.workflow.name"), null);
	}

	@Test
	void taskSpanCarriesOnlyKnownGenAiKeys() {
		golden((assistant) -> assistant.task("Where is my order?"), "task",
				(keys) -> assertThat(keys).contains("gen_ai.operation.name"), null);
	}

	@Test
	void retrieverSpanCarriesOnlyKnownGenAiKeys() {
		golden((assistant) -> assistant.retrieve("refund policy"), "retriever",
				(keys) -> assertThat(keys).contains("gen_ai.operation.name", "gen_ai.retrieval.query.text"), null);
	}

	@Test
	void llmSpanCarriesOnlyKnownGenAiKeysAndTheMessagesAsTheSpecDefinesThem() {
		golden((assistant) -> assistant.llm("Where is my order?"), "llm",
				(keys) -> assertThat(keys).contains("gen_ai.operation.name", "gen_ai.provider.name",
						"gen_ai.request.model", "gen_ai.response.model", "gen_ai.usage.input_tokens",
						"gen_ai.usage.output_tokens", "gen_ai.usage.cache_read.input_tokens",
						"gen_ai.response.finish_reasons", "gen_ai.input.messages", "gen_ai.output.messages"),
				(span) -> {
					JsonNode input = json(span, "gen_ai.input.messages");
					assertThat(input.get(0).get("role").asString()).isEqualTo("user");
					assertThat(input.get(0).get("parts").get(0).get("type").asString()).isEqualTo("text");
					assertThat(input.get(0).get("parts").get(0).get("content").asString())
						.isEqualTo("Where is my order?");
					JsonNode output = json(span, "gen_ai.output.messages");
					assertThat(output.get(0).get("role").asString()).isEqualTo("assistant");
					assertThat(output.get(0).get("parts").get(0).get("content").asString())
						.isEqualTo("It ships tomorrow.");
					assertThat(output.get(0).get("finish_reason").asString()).isEqualTo("stop");
				});
	}

	@Test
	void toolSpanCarriesOnlyKnownGenAiKeysWithArgumentsAndResult() {
		golden((assistant) -> assistant.lookup("A-1001"), "tool",
				(keys) -> assertThat(keys).contains("gen_ai.operation.name", "gen_ai.tool.name",
						"gen_ai.tool.description", "gen_ai.tool.type", "gen_ai.tool.call.arguments",
						"gen_ai.tool.call.result"),
				(span) -> {
					assertThat(attr(span, "gen_ai.tool.type")).isEqualTo("function");
					assertThat(attr(span, "gen_ai.tool.call.arguments")).isEqualTo("A-1001");
					assertThat(json(span, "gen_ai.tool.call.result").get("status").asString()).isEqualTo("shipped");
				});
	}

	@Test
	void agentSpanCarriesOnlyKnownGenAiKeysWithItsNameAndId() {
		golden((assistant) -> assistant.agent("Refund order A-1001"), "agent",
				(keys) -> assertThat(keys).contains("gen_ai.operation.name", "gen_ai.agent.name", "gen_ai.agent.id",
						"gen_ai.input.messages", "gen_ai.output.messages"),
				(span) -> {
					assertThat(attr(span, "gen_ai.agent.name")).isEqualTo("support-agent");
					assertThat(attr(span, "gen_ai.agent.id")).isEqualTo("support-agent-v2");
				});
	}

	@Test
	void embeddingSpanCarriesOnlyKnownGenAiKeys() {
		golden((assistant) -> assistant.embed("refund policy"), "embedding",
				(keys) -> assertThat(keys).contains("gen_ai.operation.name", "gen_ai.request.model"), null);
	}

	@Test
	void evaluatorSpanCarriesOnlyKnownGenAiKeys() {
		golden((assistant) -> assistant.judgedLater("Where is my order?"), "evaluator",
				(keys) -> assertThat(keys).contains("gen_ai.operation.name", "gen_ai.evaluation.verdict"),
				(span) -> assertThat(span.getEvents()).isEmpty());
	}

	@Test
	void evaluationsArriveAsLogRecordsCarryingTheIdsOfTheSpanTheyJudge() {
		this.runner.run((context) -> {
			Assistant assistant = context.getBean(Assistant.class);
			assistant.judgedNow("Where is my order?");
			assistant.judgedLater("Where is my order?");
			SpanData now = awaitSpan("judged-now");
			SpanData later = awaitSpan("judged-later");
			SpanData evaluator = awaitKind("evaluator");
			List<LogRecordData> records = awaitLogs(2);
			assertThat(records).allSatisfy((record) -> {
				assertThat(record.getEventName()).isEqualTo("gen_ai.evaluation.result");
				assertThat(record.getAttributes().get(AttributeKey.stringKey("gen_ai.evaluation.name")))
					.isEqualTo("non-empty");
				assertThat(record.getAttributes().get(AttributeKey.doubleKey("gen_ai.evaluation.score.value")))
					.isEqualTo(1.0);
				assertThat(record.getAttributes().get(AttributeKey.stringKey("gen_ai.evaluation.score.label")))
					.isEqualTo("pass");
				assertThat(record.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
					.filteredOn((key) -> key.startsWith("gen_ai."))
					.allSatisfy((key) -> assertThat(isKnown(key)).as(key).isTrue());
			});
			assertThat(records).extracting((record) -> record.getSpanContext().getSpanId())
				.containsExactlyInAnyOrder(now.getSpanId(), later.getSpanId())
				.doesNotContain(evaluator.getSpanId());
			assertThat(records).extracting((record) -> record.getSpanContext().getTraceId())
				.containsExactlyInAnyOrder(now.getTraceId(), later.getTraceId());
			assertThat(now.getEvents()).extracting((event) -> event.getName())
				.doesNotContain("gen_ai.evaluation.result");
		});
	}

	private void golden(Consumer<Assistant> call, String kind, Consumer<Set<String>> required,
			Consumer<SpanData> more) {
		this.runner.run((ContextConsumer<AssertableApplicationContext>) (context) -> {
			call.accept(context.getBean(Assistant.class));
			SpanData span = awaitKind(kind);
			Set<String> keys = new TreeSet<>();
			span.getAttributes().forEach((key, value) -> {
				if (key.getKey().startsWith("gen_ai.")) {
					keys.add(key.getKey());
				}
			});
			assertThat(keys).allSatisfy((key) -> assertThat(isKnown(key))
				.as("%s on the %s span is neither in the semantic conventions nor a documented extension", key, kind)
				.isTrue());
			required.accept(keys);
			if (more != null) {
				more.accept(span);
			}
		});
	}

	private static boolean isKnown(String key) {
		return SEMCONV.contains(key) || ANY_TYPED.contains(key) || EXTENSIONS.contains(key);
	}

	private static final Set<String> SEMCONV = semconvKeys();

	private static Set<String> semconvKeys() {
		Set<String> keys = new TreeSet<>();
		for (Field field : GenAiIncubatingAttributes.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && AttributeKey.class.isAssignableFrom(field.getType())) {
				try {
					keys.add(((AttributeKey<?>) field.get(null)).getKey());
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return keys;
	}

	private SpanData awaitKind(String kind) {
		return await(() -> this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> kind.equals(attr(span, "llmobs.span.kind")))
			.findFirst()
			.orElse(null), "a " + kind + " span");
	}

	private SpanData awaitSpan(String name) {
		return await(() -> this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElse(null), "span " + name);
	}

	private List<LogRecordData> awaitLogs(int count) {
		return await(() -> (this.logs.getFinishedLogRecordItems().size() >= count)
				? this.logs.getFinishedLogRecordItems() : null, count + " log records");
	}

	private static <T> T await(java.util.function.Supplier<T> probe, String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		T value = probe.get();
		while (value == null && System.nanoTime() < deadline) {
			java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
			value = probe.get();
		}
		assertThat(value).as(what).isNotNull();
		return value;
	}

	private static String attr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	private static JsonNode json(SpanData span, String key) {
		String text = attr(span, key);
		assertThat(text).as(key).isNotNull();
		return JSON.readTree(text);
	}

	record HouseResponse(String text, long in, long out) {
	}

	public static class Assistant {

		@LlmChain(name = "support-flow")
		public String chain(String question) {
			return "It ships tomorrow.";
		}

		@LlmTask
		public String task(String question) {
			return "classified";
		}

		@Retriever
		public List<String> retrieve(String query) {
			return List.of("Refunds take five days.", "Orders ship in two days.");
		}

		@LlmCall(provider = "openai", model = "gpt-4o-mini")
		public HouseResponse llm(String prompt) {
			return new HouseResponse("It ships tomorrow.", 12, 5);
		}

		@LlmTool(description = "Looks up an order")
		public Map<String, Object> lookup(String orderId) {
			return Map.of("status", "shipped");
		}

		@LlmAgent(name = "support-agent", id = "support-agent-v2")
		public String agent(String goal) {
			return "Refunded.";
		}

		@Embedding(model = "text-embedding-3-small")
		public float[] embed(String text) {
			return new float[] { 0.1f, 0.2f };
		}

		@LlmChain(name = "judged-now")
		@Evaluated("non-empty")
		public String judgedNow(String question) {
			return "It ships tomorrow.";
		}

		@LlmChain(name = "judged-later")
		@Evaluated(value = "non-empty", async = true)
		public String judgedLater(String question) {
			return "It ships tomorrow.";
		}

	}

}
