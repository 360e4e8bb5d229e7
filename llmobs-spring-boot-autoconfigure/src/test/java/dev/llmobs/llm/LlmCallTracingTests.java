package dev.llmobs.llm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.aop.framework.ProxyFactory;

import dev.llmobs.LlmObs;
import dev.llmobs.annotation.LlmCall;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.aop.CompletionStageReturnValueHandler;
import dev.llmobs.aop.ReturnValueHandlers;
import dev.llmobs.aop.SpanAnnotationAdvisor;
import dev.llmobs.aop.SpanDescriptorResolver;
import dev.llmobs.aop.TracingInvocationProcessor;
import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.CaptureOptions;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.springai.SpringAiUsageExtractor;
import dev.llmobs.trace.Convention;
import dev.llmobs.trace.LlmCallRecorder;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.OperationListener;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.trace.document.DocumentExtractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LlmCallTracingTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final java.util.List<String> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final LlmCallRecorder recorder = new LlmCallRecorder(
			new UsageExtractors(List.of((response) -> (response instanceof HouseResponse house)
					? LlmUsage.of(house.in(), house.out()) : null, new SpringAiUsageExtractor())),
			new PricingTable(Map.of("house-model", new ModelPrice(1.0, 2.0, null))),
			(provider, model, usage, cost, truncated) -> this.recorded
				.add(provider + "/" + model + "/" + usage.totalTokens() + "/" + (cost != null) + "/" + truncated));

	private final Models models = proxy(new Models());

	private final Pipeline pipeline = proxy(new Pipeline(this.models));

	@SuppressWarnings("unchecked")
	private <T> T proxy(T target) {
		SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
			.build();
		ContentCapture capture = new ContentCapture(CaptureOptions.defaults(), CaptureListener.NONE);
		LlmSpanWriter writer = new LlmSpanWriter(capture, capture, new DocumentExtractor(List.of(), 5),
				LlmSpanConventions.of(Convention.DEFAULTS), SpanLimits.getDefault().getMaxNumberOfAttributes(),
				this.recorder);
		LlmSpanTracer tracer = new LlmSpanTracer(provider.get("test"), writer, OperationListener.NONE, null);
		TracingInvocationProcessor processor = new TracingInvocationProcessor(
				new SpanDescriptorResolver(LlmSpanConventions.of(Convention.DEFAULTS), true, true), tracer,
				new ReturnValueHandlers(List.of(new CompletionStageReturnValueHandler())));
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new SpanAnnotationAdvisor(() -> processor, 0));
		return (T) factory.getProxy();
	}

	private SpanData span(String name) {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static Long longAttr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.longKey(key));
	}

	private static Double doubleAttr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.doubleKey(key));
	}

	private static String attr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	@Test
	void springAiChatResponseGivesTypedUsageCostAndMessages() {
		this.models.springAi("Where is my order?");
		SpanData span = span("Models.springAi");
		assertThat(longAttr(span, "llm.token_count.prompt")).isEqualTo(1200L);
		assertThat(longAttr(span, "llm.token_count.completion")).isEqualTo(300L);
		assertThat(longAttr(span, "llm.token_count.total")).isEqualTo(1500L);
		assertThat(longAttr(span, "gen_ai.usage.input_tokens")).isEqualTo(1200L);
		assertThat(longAttr(span, "gen_ai.usage.output_tokens")).isEqualTo(300L);
		assertThat(attr(span, "gen_ai.response.model")).isEqualTo("gpt-4o-mini-2024-07-18");
		assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
			.containsExactly("stop");
		double expected = 1200 * 0.15 / 1e6 + 300 * 0.60 / 1e6;
		assertThat(doubleAttr(span, "llm.cost.total")).isCloseTo(expected, within(1e-12));
		assertThat(doubleAttr(span, "gen_ai.usage.cost")).isCloseTo(expected, within(1e-12));
		assertThat(doubleAttr(span, "llm.cost.prompt")).isCloseTo(1200 * 0.15 / 1e6, within(1e-12));
		assertThat(attr(span, "output.value")).isEqualTo("It ships tomorrow.");
		assertThat(attr(span, "llm.output_messages.0.message.role")).isEqualTo("assistant");
		assertThat(attr(span, "llm.output_messages.0.message.content")).isEqualTo("It ships tomorrow.");
		assertThat(attr(span, "llm.input_messages.0.message.role")).isEqualTo("user");
		assertThat(attr(span, "llm.input_messages.0.message.content")).isEqualTo("Where is my order?");
		assertThat(this.recorded).containsExactly("openai/gpt-4o-mini/1500/true/false");
	}

	@Test
	void openAiSdkStyleCompletionIsRead() {
		this.models.openAiSdk();
		SpanData span = span("Models.openAiSdk");
		assertThat(longAttr(span, "gen_ai.usage.input_tokens")).isEqualTo(10L);
		assertThat(longAttr(span, "gen_ai.usage.output_tokens")).isEqualTo(4096L);
		assertThat(attr(span, "gen_ai.response.model")).isEqualTo("gpt-4.1-2025-04-14");
		assertThat(span.getAttributes().get(AttributeKey.booleanKey("llmobs.truncated"))).isTrue();
		assertThat(span.getEvents()).anySatisfy((event) -> assertThat(event.getName()).isEqualTo("llmobs.truncated"));
		assertThat(doubleAttr(span, "llm.cost.total")).isCloseTo(10 * 2.0 / 1e6 + 4096 * 8.0 / 1e6, within(1e-12));
	}

	@Test
	void langChain4jStyleResponseIsRead() {
		this.models.langChain4j();
		SpanData span = span("Models.langChain4j");
		assertThat(longAttr(span, "llm.token_count.prompt")).isEqualTo(7L);
		assertThat(longAttr(span, "llm.token_count.completion")).isEqualTo(3L);
		assertThat(attr(span, "gen_ai.response.model")).isEqualTo("claude-3-5-haiku-20241022");
		assertThat(doubleAttr(span, "llm.cost.total")).isNotNull();
	}

	@Test
	void anyObjectWithAUsageIsRead() {
		this.models.generic();
		SpanData span = span("Models.generic");
		assertThat(longAttr(span, "gen_ai.usage.input_tokens")).isEqualTo(5L);
		assertThat(longAttr(span, "gen_ai.usage.output_tokens")).isEqualTo(6L);
		assertThat(attr(span, "output.value")).isEqualTo("hi");
		assertThat(attr(span, "llm.output_messages.0.message.content")).isEqualTo("hi");
	}

	@Test
	void customExtractorIsUsed() {
		this.models.house();
		SpanData span = span("Models.house");
		assertThat(longAttr(span, "llm.token_count.total")).isEqualTo(300L);
		assertThat(doubleAttr(span, "llm.cost.total")).isCloseTo(100 * 1.0 / 1e6 + 200 * 2.0 / 1e6, within(1e-12));
	}

	@Test
	void usageCanBeRecordedProgrammatically() {
		LlmObs.useLlmCallRecorder(this.recorder);
		try {
			this.models.programmatic();
		}
		finally {
			LlmObs.useLlmCallRecorder(null);
		}
		SpanData span = span("Models.programmatic");
		assertThat(longAttr(span, "gen_ai.usage.input_tokens")).isEqualTo(40L);
		assertThat(doubleAttr(span, "llm.cost.total")).isCloseTo(40 * 1.0 / 1e6 + 2 * 2.0 / 1e6, within(1e-12));
	}

	@Test
	void unknownModelGetsNoCost() {
		this.models.unknownModel();
		SpanData span = span("Models.unknownModel");
		assertThat(longAttr(span, "llm.token_count.total")).isEqualTo(2L);
		assertThat(doubleAttr(span, "llm.cost.total")).isNull();
		assertThat(this.recorded).containsExactly("null/secret-finetune/2/false/false");
	}

	@Test
	void chainRootSumsTheCostOfItsCalls() {
		this.pipeline.run();
		SpanData root = span("Pipeline.run");
		double first = 1200 * 0.15 / 1e6 + 300 * 0.60 / 1e6;
		double second = 100 * 1.0 / 1e6 + 200 * 2.0 / 1e6;
		assertThat(doubleAttr(root, "llmobs.trace.cost")).isCloseTo(first + second, within(1e-12));
	}

	record HouseResponse(long in, long out) {
	}

	record GenericUsage(int inputTokens, int outputTokens) {
	}

	record GenericResponse(String text, GenericUsage usage) {
	}

	/** Shaped like the OpenAI Java SDK's ChatCompletion. */
	public static class OpenAiCompletion {

		public Optional<OpenAiUsage> usage() {
			return Optional.of(new OpenAiUsage());
		}

		public String model() {
			return "gpt-4.1-2025-04-14";
		}

		public List<OpenAiChoice> choices() {
			return List.of(new OpenAiChoice());
		}

	}

	/** Shaped like the OpenAI Java SDK's CompletionUsage. */
	public static class OpenAiUsage {

		public long promptTokens() {
			return 10;
		}

		public long completionTokens() {
			return 4096;
		}

	}

	/** Shaped like the OpenAI Java SDK's choice. */
	public static class OpenAiChoice {

		public Object finishReason() {
			return new Object() {
				@Override
				public String toString() {
					return "length";
				}
			};
		}

	}

	/** Shaped like LangChain4j's ChatResponse. */
	public static class LangChainResponse {

		public LangChainTokens tokenUsage() {
			return new LangChainTokens();
		}

		public LangChainMetadata metadata() {
			return new LangChainMetadata();
		}

	}

	/** Shaped like LangChain4j's TokenUsage. */
	public static class LangChainTokens {

		public Integer inputTokenCount() {
			return 7;
		}

		public Integer outputTokenCount() {
			return 3;
		}

	}

	/** Shaped like LangChain4j's ChatResponseMetadata. */
	public static class LangChainMetadata {

		public String modelName() {
			return "claude-3-5-haiku-20241022";
		}

	}

	static class Models {

		@LlmCall(provider = "openai", model = "gpt-4o-mini")
		public ChatResponse springAi(String prompt) {
			Generation generation = new Generation(new AssistantMessage("It ships tomorrow."),
					ChatGenerationMetadata.builder().finishReason("stop").build());
			return new ChatResponse(List.of(generation),
					ChatResponseMetadata.builder()
						.model("gpt-4o-mini-2024-07-18")
						.usage(new DefaultUsage(1200, 300))
						.build());
		}

		@LlmCall(provider = "openai")
		public OpenAiCompletion openAiSdk() {
			return new OpenAiCompletion();
		}

		@LlmCall(provider = "anthropic")
		public LangChainResponse langChain4j() {
			return new LangChainResponse();
		}

		@LlmCall(model = "house-model")
		public GenericResponse generic() {
			return new GenericResponse("hi", new GenericUsage(5, 6));
		}

		@LlmCall(model = "house-model")
		public HouseResponse house() {
			return new HouseResponse(100, 200);
		}

		@LlmCall
		public String programmatic() {
			LlmObs.recordUsage("house-model", 40, 2);
			return "done";
		}

		@LlmCall(model = "secret-finetune")
		public HouseResponse unknownModel() {
			return new HouseResponse(1, 1);
		}

	}

	static class Pipeline {

		private final Models models;

		Pipeline(Models models) {
			this.models = models;
		}

		@LlmChain
		public void run() {
			this.models.springAi("q");
			this.models.house();
			Span.current();
		}

	}

}
