package dev.llmobs.springai;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.embedding.observation.DefaultEmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationDocumentation;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;

import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.CaptureMode;
import dev.llmobs.capture.CaptureOptions;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.capture.Redactor;
import dev.llmobs.llm.LlmCallListener;
import dev.llmobs.llm.LlmCost;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.llm.ModelPrice;
import dev.llmobs.llm.PricingTable;
import dev.llmobs.llm.UsageExtractors;
import dev.llmobs.trace.Convention;
import dev.llmobs.trace.LlmCallRecorder;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.trace.document.DocumentExtractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Spring AI observations run through Micrometer's real tracing handler over the
 * OpenTelemetry SDK, with the enrichers registered after it as Boot registers them.
 */
class SpringAiObservationEnrichmentTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final List<String> metered = new ArrayList<>();

	private final java.util.concurrent.atomic.AtomicInteger redactions = new java.util.concurrent.atomic.AtomicInteger();

	private final ObservationRegistry registry = registry(SpanLimits.getDefault().getMaxNumberOfAttributes());

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	private ObservationRegistry registry(int maxAttributes) {
		Redactor redactor = Redactor.of(EnumSet.of(RedactionKind.EMAILS, RedactionKind.SECRETS), List.of());
		ContentCapture capture = new ContentCapture(new CaptureOptions(CaptureMode.FULL, 200, redactor),
				new CaptureListener() {
					@Override
					public void redacted(RedactionKind kind, int count) {
						SpringAiObservationEnrichmentTests.this.redactions.addAndGet(count);
					}
				});
		LlmCallListener listener = (provider, model, usage, cost, truncated) -> this.metered
			.add(provider + "/" + model + "/" + usage.inputTokens() + "/" + usage.outputTokens());
		LlmCallRecorder recorder = new LlmCallRecorder(
				new UsageExtractors(List.of(new SpringAiUsageExtractor())), new PricingTable(Map.of("gpt-4o-mini",
						new ModelPrice(2.0, 8.0, null), "text-embedding-3-small", new ModelPrice(0.02, 0.0, null))),
				listener);
		LlmSpanWriter writer = new LlmSpanWriter(capture, capture,
				new DocumentExtractor(List.of(new SpringAiDocumentMapper()), 5),
				LlmSpanConventions.of(Convention.DEFAULTS), maxAttributes, recorder);
		OtelTracer tracer = new OtelTracer(this.tracerProvider.get("test"), new OtelCurrentTraceContext(), (event) -> {
		});
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new DefaultTracingObservationHandler(tracer))
			.observationHandler(new ChatModelObservationEnricher(writer, recorder, true, true))
			.observationHandler(new EmbeddingModelObservationEnricher(writer, recorder, true))
			.observationHandler(new VectorStoreObservationEnricher(writer, true));
		return observations;
	}

	private SpanData onlySpan() {
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
		return this.exporter.getFinishedSpanItems().get(0);
	}

	private static Object attr(SpanData span, String key) {
		return span.getAttributes()
			.asMap()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().getKey().equals(key))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	private ChatResponse chat(ObservationRegistry observations, Prompt prompt, ChatResponse response) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(prompt)
			.provider("openai")
			.build();
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(null, new DefaultChatModelObservationConvention(), () -> context, observations)
			.observe(() -> {
				context.setResponse(response);
				return response;
			});
	}

	private static ChatResponse response(AssistantMessage output, String finishReason, int input, int completion) {
		return new ChatResponse(
				List.of(new Generation(output, ChatGenerationMetadata.builder().finishReason(finishReason).build())),
				ChatResponseMetadata.builder()
					.model("gpt-4o-mini-2024-07-18")
					.usage(new DefaultUsage(input, completion))
					.build());
	}

	@Test
	void chatSpanGetsMessagesToolCallsTypedUsageCostAndNoStringCopies() {
		Prompt prompt = new Prompt(
				List.of(new SystemMessage("You are a support bot."),
						new UserMessage("Where is order 42? Mail me at jane@example.com")),
				ChatOptions.builder().model("gpt-4o-mini").temperature(0.2).build());
		AssistantMessage output = AssistantMessage.builder()
			.content("Let me look that up.")
			.toolCalls(List.of(new AssistantMessage.ToolCall("call_1", "function", "lookup_order", "{\"id\":42}")))
			.build();
		chat(this.registry, prompt, response(output, "tool_calls", 100, 20));

		SpanData span = onlySpan();
		assertThat(attr(span, "openinference.span.kind")).isEqualTo("LLM");
		assertThat(attr(span, "llm.provider")).isEqualTo("openai");
		assertThat(attr(span, "gen_ai.provider.name")).isEqualTo("openai");
		assertThat(attr(span, "llm.model_name")).isEqualTo("gpt-4o-mini");
		assertThat((String) attr(span, "llm.invocation_parameters")).contains("\"temperature\":0.2");
		assertThat(attr(span, "llm.input_messages.0.message.role")).isEqualTo("system");
		assertThat(attr(span, "llm.input_messages.1.message.content"))
			.isEqualTo("Where is order 42? Mail me at [REDACTED:email]");
		assertThat(attr(span, "input.value")).isEqualTo("Where is order 42? Mail me at [REDACTED:email]");
		assertThat(attr(span, "llm.output_messages.0.message.tool_calls.0.tool_call.function.name"))
			.isEqualTo("lookup_order");
		assertThat(attr(span, "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments"))
			.isEqualTo("{\"id\":42}");
		assertThat(attr(span, "llm.output_messages.0.message.tool_calls.0.tool_call.id")).isEqualTo("call_1");
		assertThat((String) attr(span, "gen_ai.input.messages")).contains("\"role\":\"system\"")
			.doesNotContain("jane@example.com");
		assertThat(attr(span, "llm.token_count.prompt")).isEqualTo(100L);
		assertThat(attr(span, "gen_ai.usage.output_tokens")).isEqualTo(20L);
		assertThat(attr(span, "gen_ai.response.finish_reasons")).isEqualTo(List.of("tool_calls"));
		assertThat((Double) attr(span, "llm.cost.total")).isCloseTo(100 * 2.0 / 1e6 + 20 * 8.0 / 1e6, within(1e-12));
		// Spring AI's own string-typed copies would make a second key of the same name.
		assertThat(span.getAttributes().asMap().keySet().stream().map(AttributeKey::getKey)).doesNotHaveDuplicates();
		assertThat(this.metered).containsExactly("openai/gpt-4o-mini/100/20");
	}

	@Test
	void toolResultsInTheConversationBecomeToolMessages() {
		Prompt prompt = new Prompt(List.of(new UserMessage("Where is order 42?"),
				AssistantMessage.builder()
					.content("")
					.toolCalls(List.of(new AssistantMessage.ToolCall("call_1", "function", "lookup_order", "{}")))
					.build(),
				ToolResponseMessage.builder()
					.responses(List.of(new ToolResponseMessage.ToolResponse("call_1", "lookup_order", "shipped")))
					.build()));
		chat(this.registry, prompt, response(new AssistantMessage("It has shipped."), "stop", 30, 5));

		SpanData span = onlySpan();
		assertThat(attr(span, "llm.input_messages.1.message.tool_calls.0.tool_call.function.name"))
			.isEqualTo("lookup_order");
		assertThat(attr(span, "llm.input_messages.2.message.role")).isEqualTo("tool");
		assertThat(attr(span, "llm.input_messages.2.message.tool_call_id")).isEqualTo("call_1");
		assertThat(attr(span, "llm.input_messages.2.message.content")).isEqualTo("shipped");
		assertThat(attr(span, "output.value")).isEqualTo("It has shipped.");
	}

	@Test
	void secretsAreRedactedInMessagesToolArgumentsAndToolResultsOfEveryConvention() {
		Prompt prompt = new Prompt(List.of(new UserMessage("Sign in fails, my password is Tr0ub4dor&3"),
				AssistantMessage.builder()
					.content("")
					.toolCalls(List.of(new AssistantMessage.ToolCall("call_1", "function", "reset_login",
							"{\"user\":\"bob\",\"password\":\"hunter2\"}")))
					.build(),
				ToolResponseMessage.builder()
					.responses(List.of(new ToolResponseMessage.ToolResponse("call_1", "reset_login",
							"{\"status\":\"ok\",\"note\":\"new token: abcd1234efgh\"}")))
					.build()));
		chat(this.registry, prompt, response(new AssistantMessage("Your new PIN is 4821."), "stop", 30, 5));

		SpanData span = onlySpan();
		String everything = span.getAttributes().asMap().values().toString();
		assertThat(everything).doesNotContain("Tr0ub4dor")
			.doesNotContain("hunter2")
			.doesNotContain("abcd1234efgh")
			.doesNotContain("4821")
			.contains("bob");
		assertThat(attr(span, "llm.input_messages.1.message.tool_calls.0.tool_call.function.arguments"))
			.isEqualTo("{\"user\":\"bob\",\"password\":\"[REDACTED:secret]\"}");
		assertThat(attr(span, "llm.input_messages.0.message.content"))
			.isEqualTo("Sign in fails, my password is [REDACTED:secret]");
		assertThat(attr(span, "output.value")).isEqualTo("Your new PIN is [REDACTED:secret].");
	}

	@Test
	void documentContentAndMetadataAreRedacted() {
		SimpleVectorStore store = SimpleVectorStore.builder(new WordEmbeddingModel())
			.observationRegistry(this.registry)
			.build();
		store.add(List.of(new Document("kb-1", "refunds take days; the admin password is Adm1n-2024",
				Map.of("source", "wiki", "apiKey", "k-1234567890", "note", "{\"token\":\"t-0987\"}"))));
		this.exporter.reset();

		store.similaritySearch(SearchRequest.builder().query("refunds").topK(1).build());

		SpanData span = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((data) -> "RETRIEVER".equals(attr(data, "openinference.span.kind")))
			.findFirst()
			.orElseThrow();
		assertThat((String) attr(span, "retrieval.documents.0.document.content"))
			.isEqualTo("refunds take days; the admin password is [REDACTED:secret]");
		assertThat((String) attr(span, "retrieval.documents.0.document.metadata")).contains("wiki")
			.doesNotContain("t-0987")
			.doesNotContain("k-1234567890");
	}

	@Test
	void longConversationKeepsTheSystemPromptAndTheLatestTurnsWithinTheBudget() {
		ObservationRegistry small = registry(50);
		List<Message> messages = new ArrayList<>();
		messages.add(new SystemMessage("system prompt"));
		for (int i = 0; i < 30; i++) {
			messages.add(new UserMessage("turn " + i));
		}
		chat(small, new Prompt(messages), response(new AssistantMessage("ok"), "stop", 1, 1));

		SpanData span = onlySpan();
		assertThat(attr(span, "llm.input_messages.0.message.content")).isEqualTo("system prompt");
		long dropped = (Long) attr(span, "llmobs.messages.dropped");
		assertThat(dropped).isPositive();
		int kept = 31 - (int) dropped;
		assertThat(attr(span, "llm.input_messages." + (kept - 1) + ".message.content")).isEqualTo("turn 29");
		assertThat(attr(span, "llm.input_messages." + kept + ".message.content")).isNull();
		assertThat(span.getAttributes().size()).isLessThanOrEqualTo(SpanLimits.getDefault().getMaxNumberOfAttributes());
	}

	@Test
	void hugeConversationCapturesOnlyTheMessagesThatFit() {
		ObservationRegistry small = registry(50);
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			messages.add(new UserMessage("turn " + i + " from jane" + i + "@example.com"));
		}
		chat(small, new Prompt(messages), response(new AssistantMessage("ok"), "stop", 1, 1));

		SpanData span = onlySpan();
		long dropped = (Long) attr(span, "llmobs.messages.dropped");
		int kept = 20_000 - (int) dropped;
		assertThat(kept).isBetween(1, 10);
		assertThat(attr(span, "llm.input_messages." + (kept - 1) + ".message.content"))
			.isEqualTo("turn 19999 from [REDACTED:email]");
		// Only what was kept went through capture and redaction.
		assertThat(this.redactions.get()).isEqualTo(kept);
	}

	@Test
	void failedChatCallIsRecordedAsSuchAndNothingIsMetered() {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(new Prompt("fail please"))
			.provider("anthropic")
			.build();
		assertThatThrownBy(() -> ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(null, new DefaultChatModelObservationConvention(), () -> context, this.registry)
			.observe(() -> {
				throw new IllegalStateException("overloaded");
			})).isInstanceOf(IllegalStateException.class).hasMessage("overloaded");

		SpanData span = onlySpan();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(attr(span, "error.type")).isEqualTo(IllegalStateException.class.getName());
		assertThat(attr(span, "llm.provider")).isEqualTo("anthropic");
		assertThat(attr(span, "llmobs.cancelled")).isNull();
		assertThat(this.metered).isEmpty();
	}

	@Test
	void embeddingCallBecomesAnEmbeddingSpanWithTextsUsageAndCost() {
		EmbeddingRequest request = new EmbeddingRequest(List.of("refund policy", "shipping times"),
				EmbeddingOptions.builder().model("text-embedding-3-small").build());
		EmbeddingModelObservationContext context = EmbeddingModelObservationContext.builder()
			.embeddingRequest(request)
			.provider("openai")
			.build();
		EmbeddingModelObservationDocumentation.EMBEDDING_MODEL_OPERATION
			.observation(null, new DefaultEmbeddingModelObservationConvention(), () -> context, this.registry)
			.observe(() -> context.setResponse(new EmbeddingResponse(
					List.of(new Embedding(new float[] { 1f }, 0), new Embedding(new float[] { 2f }, 1)),
					new EmbeddingResponseMetadata("text-embedding-3-small", new DefaultUsage(8, 0)))));

		SpanData span = onlySpan();
		assertThat(attr(span, "openinference.span.kind")).isEqualTo("EMBEDDING");
		assertThat(attr(span, "embedding.model_name")).isEqualTo("text-embedding-3-small");
		assertThat(attr(span, "embedding.embeddings.1.embedding.text")).isEqualTo("shipping times");
		assertThat(attr(span, "llm.token_count.prompt")).isEqualTo(8L);
		assertThat((Double) attr(span, "llm.cost.total")).isCloseTo(8 * 0.02 / 1e6, within(1e-15));
		assertThat(this.metered).containsExactly("openai/text-embedding-3-small/8/null");
	}

	@Test
	void vectorStoreSearchBecomesARetrieverSpanWithDocuments() {
		SimpleVectorStore store = SimpleVectorStore.builder(new WordEmbeddingModel())
			.observationRegistry(this.registry)
			.build();
		store.add(List.of(new Document("kb-1", "refunds take five days", Map.of()),
				new Document("kb-2", "shipping is free over 50 euros", Map.of())));
		this.exporter.reset();

		store.similaritySearch(SearchRequest.builder().query("how long do refunds take").topK(1).build());

		SpanData span = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((data) -> "RETRIEVER".equals(attr(data, "openinference.span.kind")))
			.findFirst()
			.orElseThrow();
		assertThat(attr(span, "input.value")).isEqualTo("how long do refunds take");
		assertThat(attr(span, "gen_ai.retrieval.query.text")).isEqualTo("how long do refunds take");
		assertThat(attr(span, "retrieval.documents.0.document.id")).isEqualTo("kb-1");
		assertThat(attr(span, "retrieval.documents.0.document.content")).isEqualTo("refunds take five days");
		assertThat(attr(span, "retrieval.documents.0.document.score")).isInstanceOf(Double.class);
	}

	@Test
	void springAisTokenCounterIsDeniedAndOursKept() {
		SpringAiTokenMeterFilter filter = new SpringAiTokenMeterFilter();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		meters.config().meterFilter(filter);
		meters.counter("gen_ai.client.token.usage", "gen_ai.token.type", "input").increment(5);
		meters.summary("gen_ai.client.token.usage", "gen_ai.token.type", "input").record(5);
		assertThat(meters.getMeters()).singleElement()
			.satisfies((meter) -> assertThat(meter.getId().getType()).isEqualTo(Meter.Type.DISTRIBUTION_SUMMARY));
		assertThat(filter.accept(Metrics.counter("other.counter").getId())).isEqualTo(MeterFilterReply.NEUTRAL);
	}

	@Test
	void providerNamesMapSpringAisToTheConventions() {
		assertThat(ProviderNames.of("bedrock_converse")).isEqualTo(new ProviderNames("aws.bedrock", "aws", "bedrock"));
		assertThat(ProviderNames.of("google_genai").genAi()).isEqualTo("gcp.gen_ai");
		assertThat(ProviderNames.of("mistral_ai").openInferenceProvider()).isEqualTo("mistralai");
		assertThat(ProviderNames.of("Acme")).isEqualTo(new ProviderNames("acme", "acme", "acme"));
	}

	/** Embeds text as counts of a few words: enough for a deterministic similarity. */
	private static final class WordEmbeddingModel implements EmbeddingModel {

		private static final List<String> WORDS = List.of("refund", "refunds", "take", "shipping", "free", "days");

		@Override
		public EmbeddingResponse call(EmbeddingRequest request) {
			List<Embedding> embeddings = new ArrayList<>();
			for (int i = 0; i < request.getInstructions().size(); i++) {
				embeddings.add(new Embedding(vector(request.getInstructions().get(i)), i));
			}
			return new EmbeddingResponse(embeddings);
		}

		@Override
		public float[] embed(Document document) {
			return vector(document.getText());
		}

		private static float[] vector(String text) {
			float[] vector = new float[WORDS.size()];
			for (String word : text.toLowerCase().split("\\W+")) {
				int index = WORDS.indexOf(word);
				if (index >= 0) {
					vector[index]++;
				}
			}
			return vector;
		}

	}

}
