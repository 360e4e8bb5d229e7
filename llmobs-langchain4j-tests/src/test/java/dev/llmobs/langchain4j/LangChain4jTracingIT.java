package dev.llmobs.langchain4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import dev.llmobs.LlmObs;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A LangChain4j application with the starter and no llmobs code: LangChain4j's real
 * OpenAI client against a local mock of the chat-completions API, an AI Service with a
 * tool and a RAG retriever over an in-memory embedding store, blocking and streaming; the
 * spans exported over real OTLP/HTTP and asserted as a backend receives them.
 */
@SpringBootTest(classes = LangChain4jTracingIT.LangChain4jApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "spring.main.banner-mode=off")
@AutoConfigureTracing
@OtlpReceiverTest
class LangChain4jTracingIT {

	static OtlpTestReceiver receiver;

	static final OpenAiMock openAi = OpenAiMock.start();

	@Autowired
	Assistant assistant;

	@Autowired
	StreamingAssistant streamingAssistant;

	@Autowired
	@Qualifier("listenedModel")
	ChatModel listenedModel;

	@Autowired
	@Qualifier("listenerBuiltInModel")
	ChatModel listenerBuiltInModel;

	@Autowired
	CountingListener userListener;

	@Autowired
	MeterRegistry meters;

	@AfterAll
	static void stop() {
		openAi.close();
	}

	@Test
	void aiServiceCallIsOneAgentSpanWithRetrievalModelCallsAndToolUnderIt() {
		String answer = this.assistant.chat("conversation-42", "What is the weather in Paris?");
		assertThat(answer).isEqualTo(OpenAiMock.FINAL_TEXT);

		ReceivedSpan agent = receiver.awaitSpanNamed("Assistant.chat", Duration.ofSeconds(30));
		List<ReceivedSpan> trace = awaitTrace(agent.traceId(), 7);
		assertThat(agent.parentSpanId()).isEmpty();
		assertThat(agent.attr("openinference.span.kind")).isEqualTo("AGENT");
		assertThat(agent.attr("gen_ai.operation.name")).isEqualTo("invoke_agent");
		assertThat(agent.attr("gen_ai.agent.name")).isEqualTo("Assistant.chat");
		assertThat(agent.attr("input.value")).isEqualTo("What is the weather in Paris?");
		assertThat(agent.attr("output.value")).isEqualTo(OpenAiMock.FINAL_TEXT);
		assertThat(agent.attr("session.id")).isEqualTo("conversation-42");
		assertThat(agent.attr("gen_ai.conversation.id")).isEqualTo("conversation-42");

		List<ReceivedSpan> children = childrenOf(trace, agent);
		assertThat(children).extracting((span) -> span.attr("openinference.span.kind"))
			.containsExactly("RETRIEVER", "LLM", "TOOL", "LLM");

		ReceivedSpan retriever = children.get(0);
		assertThat(retriever.attr("input.value")).isEqualTo("What is the weather in Paris?");
		assertThat(retriever.attr("gen_ai.retrieval.query.text")).isEqualTo("What is the weather in Paris?");
		assertThat(retriever.attr("retrieval.documents.0.document.content")).contains("Paris");
		assertThat(retriever.doubleAttr("retrieval.documents.0.document.score")).isPositive();
		assertThat(childrenOf(trace, retriever)).extracting((span) -> span.attr("openinference.span.kind"))
			.containsExactly("EMBEDDING", "RETRIEVER");

		ReceivedSpan toolCall = children.get(1);
		assertThat(toolCall.name()).isEqualTo("chat gpt-4o-mini");
		assertThat(toolCall.attr("llm.provider")).isEqualTo("openai");
		assertThat(toolCall.attr("gen_ai.provider.name")).isEqualTo("openai");
		assertThat(toolCall.attr("gen_ai.request.model")).isEqualTo("gpt-4o-mini");
		assertThat(toolCall.attr("llm.model_name")).isEqualTo("gpt-4o-mini");
		assertThat(toolCall.attr("gen_ai.response.model")).isEqualTo(OpenAiMock.RESPONSE_MODEL);
		assertThat(toolCall.attr("llm.invocation_parameters")).contains("\"temperature\":0.2");
		assertThat(toolCall.longAttr("llm.token_count.prompt")).isEqualTo(50L);
		assertThat(toolCall.longAttr("gen_ai.usage.output_tokens")).isEqualTo(10L);
		assertThat(toolCall.doubleAttr("llm.cost.total")).isPositive();
		assertThat(toolCall.attr("gen_ai.response.finish_reasons")).contains("tool_calls");
		assertThat(toolCall.attr("llm.input_messages.0.message.role")).isEqualTo("system");
		assertThat(toolCall.attr("llm.input_messages.1.message.content")).contains("What is the weather in Paris?");
		assertThat(toolCall.attr("llm.output_messages.0.message.tool_calls.0.tool_call.id"))
			.isEqualTo("call_weather_1");
		assertThat(toolCall.attr("llm.output_messages.0.message.tool_calls.0.tool_call.function.name"))
			.isEqualTo("weather");
		assertThat(toolCall.attr("llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments"))
			.isEqualTo("{\"city\":\"Paris\"}");

		ReceivedSpan tool = children.get(2);
		assertThat(tool.name()).isEqualTo("weather");
		assertThat(tool.attr("tool.name")).isEqualTo("weather");
		assertThat(tool.attr("gen_ai.tool.name")).isEqualTo("weather");
		assertThat(tool.attr("gen_ai.operation.name")).isEqualTo("execute_tool");
		assertThat(tool.attr("gen_ai.tool.call.id")).isEqualTo("call_weather_1");
		assertThat(tool.attr("input.value")).isEqualTo("{\"city\":\"Paris\"}");
		assertThat(tool.attr("output.value")).isEqualTo("sunny, 21 degrees in Paris");
		assertThat(tool.statusCode()).isNotEqualTo("STATUS_CODE_ERROR");

		ReceivedSpan answerCall = children.get(3);
		List<String> roles = new ArrayList<>();
		for (int i = 0; answerCall.hasAttr("llm.input_messages." + i + ".message.role"); i++) {
			roles.add(answerCall.attr("llm.input_messages." + i + ".message.role"));
		}
		assertThat(roles).containsExactly("system", "user", "assistant", "tool");
		assertThat(answerCall.attr("llm.input_messages.3.message.tool_call_id")).isEqualTo("call_weather_1");
		assertThat(answerCall.attr("llm.input_messages.3.message.content")).isEqualTo("sunny, 21 degrees in Paris");
		assertThat(answerCall.attr("llm.output_messages.0.message.content")).isEqualTo(OpenAiMock.FINAL_TEXT);
		assertThat(answerCall.attr("output.value")).isEqualTo(OpenAiMock.FINAL_TEXT);
		assertThat(answerCall.attr("gen_ai.output.messages")).contains(OpenAiMock.FINAL_TEXT);
		assertThat(answerCall.attr("gen_ai.response.finish_reasons")).contains("stop");

		assertThat(this.meters.find("gen_ai.client.token.usage")
			.tag("gen_ai.provider.name", "openai")
			.tag("gen_ai.request.model", "gpt-4o-mini")
			.tag("gen_ai.token.type", "input")
			.summary()).isNotNull();
		assertThat(this.meters.find("llmobs.cost").tag("gen_ai.request.model", "gpt-4o-mini").counter()).isNotNull();
	}

	@Test
	void streamedAiServiceCallEndsItsSpansWithTheStreamAndKeepsTheTreeAcrossThreads() throws Exception {
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		TokenStream stream = this.streamingAssistant.chat("What is the weather in Paris? (streamed)");
		stream.onPartialResponse((token) -> {
		}).onCompleteResponse(done::complete).onError(done::completeExceptionally).start();
		assertThat(done.get(30, TimeUnit.SECONDS).aiMessage().text()).isEqualTo(OpenAiMock.FINAL_TEXT);

		ReceivedSpan agent = receiver.awaitSpanNamed("StreamingAssistant.chat", Duration.ofSeconds(30));
		List<ReceivedSpan> trace = awaitTrace(agent.traceId(), 4);
		assertThat(agent.attr("output.value")).isEqualTo(OpenAiMock.FINAL_TEXT);
		List<ReceivedSpan> children = childrenOf(trace, agent);
		assertThat(children).extracting((span) -> span.attr("openinference.span.kind"))
			.containsExactly("LLM", "TOOL", "LLM");
		assertThat(children.get(0).doubleAttr("gen_ai.response.time_to_first_chunk")).isNotNull();
		assertThat(children.get(0).attr("llm.output_messages.0.message.tool_calls.0.tool_call.id"))
			.isEqualTo("call_weather_2");
		assertThat(children.get(1).attr("gen_ai.tool.call.id")).isEqualTo("call_weather_2");
		ReceivedSpan answer = children.get(2);
		assertThat(answer.attr("llm.output_messages.0.message.content")).isEqualTo(OpenAiMock.FINAL_TEXT);
		assertThat(answer.longAttr("gen_ai.usage.input_tokens")).isEqualTo(80L);
		assertThat(answer.doubleAttr("gen_ai.response.time_to_first_chunk")).isNotNull();
		assertThat(answer.endEpochNanos()).isLessThanOrEqualTo(agent.endEpochNanos());
	}

	@Test
	void failingToolIsAToolSpanWithErrorWhileTheServiceAnswers() {
		String answer = this.assistant.chat("conversation-7", "What is the forecast for Paris?");
		// The retrieved guide talks about the weather, so the mock answers with it.
		assertThat(answer).isEqualTo(OpenAiMock.FINAL_TEXT);
		ReceivedSpan tool = receiver.awaitSpanNamed("forecast", Duration.ofSeconds(30));
		assertThat(tool.attr("openinference.span.kind")).isEqualTo("TOOL");
		assertThat(tool.statusCode()).isEqualTo("STATUS_CODE_ERROR");
		assertThat(tool.statusMessage()).contains("no forecast service");
		assertThat(tool.attr("gen_ai.tool.call.id")).isEqualTo("call_forecast_1");
		ReceivedSpan agent = receiver
			.awaitSpans((spans) -> spans.stream().anyMatch((span) -> span.spanId().equals(tool.parentSpanId())),
					Duration.ofSeconds(30))
			.stream()
			.filter((span) -> span.spanId().equals(tool.parentSpanId()))
			.findFirst()
			.orElseThrow();
		assertThat(agent.name()).isEqualTo("Assistant.chat");
		assertThat(agent.statusCode()).isNotEqualTo("STATUS_CODE_ERROR");
	}

	@Test
	void failedModelCallMarksTheLlmAndAgentSpansAsErrors() {
		assertThatThrownBy(() -> this.assistant.chat("conversation-fail", "FAIL please")).isInstanceOf(Exception.class);
		ReceivedSpan agent = receiver
			.awaitSpans((spans) -> spans.stream()
				.anyMatch((span) -> "FAIL please".equals(span.attr("input.value"))
						&& span.name().equals("Assistant.chat")),
					Duration.ofSeconds(30))
			.stream()
			.filter((span) -> "FAIL please".equals(span.attr("input.value")) && span.name().equals("Assistant.chat"))
			.findFirst()
			.orElseThrow();
		List<ReceivedSpan> trace = awaitTrace(agent.traceId(), 2);
		assertThat(agent.statusCode()).isEqualTo("STATUS_CODE_ERROR");
		ReceivedSpan llm = trace.stream()
			.filter((span) -> "LLM".equals(span.attr("openinference.span.kind")))
			.findFirst()
			.orElseThrow();
		assertThat(llm.statusCode()).isEqualTo("STATUS_CODE_ERROR");
		assertThat(llm.attr("error.type")).isNotBlank();
	}

	@Test
	void userBuiltModelKeepsItsOwnListenerAndGetsExactlyOneLlmSpan() {
		int before = this.userListener.responses.get();
		assertThat(this.listenedModel.chat("hello from a model with its own listener"))
			.isEqualTo("Hello from the mock.");
		assertThat(this.userListener.responses.get()).isEqualTo(before + 1);
		assertThat(llmSpansWithPrompt("hello from a model with its own listener")).hasSize(1);
	}

	@Test
	void modelBuiltWithTheListenerIsLeftAsItIsAndGetsExactlyOneLlmSpan() {
		assertThat(AopUtils.isAopProxy(this.listenerBuiltInModel)).isFalse();
		int before = this.userListener.responses.get();
		assertThat(this.listenerBuiltInModel.chat("hello from a model built with the listener"))
			.isEqualTo("Hello from the mock.");
		assertThat(this.userListener.responses.get()).isEqualTo(before + 1);
		assertThat(llmSpansWithPrompt("hello from a model built with the listener")).hasSize(1);
	}

	private List<ReceivedSpan> llmSpansWithPrompt(String prompt) {
		// Every span of the call has ended when it returns: flushing exports them all.
		LlmObs.flush();
		receiver.awaitSpans((spans) -> spans.stream().anyMatch((span) -> prompt.equals(span.attr("input.value"))),
				Duration.ofSeconds(30));
		return receiver.spans()
			.stream()
			.filter((span) -> "LLM".equals(span.attr("openinference.span.kind")))
			.filter((span) -> prompt.equals(span.attr("input.value")))
			.toList();
	}

	private static List<ReceivedSpan> awaitTrace(String traceId, int spans) {
		return receiver
			.awaitSpans(
					(received) -> received.stream().filter((span) -> span.traceId().equals(traceId)).count() >= spans,
					Duration.ofSeconds(30))
			.stream()
			.filter((span) -> span.traceId().equals(traceId))
			.toList();
	}

	private static List<ReceivedSpan> childrenOf(List<ReceivedSpan> trace, ReceivedSpan parent) {
		return trace.stream()
			.filter((span) -> span.parentSpanId().equals(parent.spanId()))
			.sorted((a, b) -> Long.compare(a.startEpochNanos(), b.startEpochNanos()))
			.toList();
	}

	interface Assistant {

		@SystemMessage("You answer questions about the weather.")
		String chat(@MemoryId String conversation, @UserMessage String message);

	}

	interface StreamingAssistant {

		TokenStream chat(String message);

	}

	/** A tool, as an application declares it. */
	static class WeatherTools {

		@Tool("The current weather in a city")
		String weather(@P("the city") String city) {
			return "sunny, 21 degrees in " + city;
		}

		@Tool("The forecast for a city")
		String forecast(@P("the city") String city) {
			throw new IllegalStateException("no forecast service for " + city);
		}

	}

	/** A user's own chat model listener. */
	static class CountingListener implements ChatModelListener {

		final AtomicInteger requests = new AtomicInteger();

		final AtomicInteger responses = new AtomicInteger();

		@Override
		public void onRequest(ChatModelRequestContext requestContext) {
			this.requests.incrementAndGet();
		}

		@Override
		public void onResponse(ChatModelResponseContext responseContext) {
			this.responses.incrementAndGet();
		}

		@Override
		public void onError(ChatModelErrorContext errorContext) {
		}

	}

	/**
	 * Embeds a text deterministically: counts of a few words, so that texts about the
	 * same things are near.
	 */
	static class WordCountEmbeddingModel implements EmbeddingModel {

		private static final String[] WORDS = { "weather", "paris", "rain", "sun", "berlin", "price" };

		@Override
		public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
			List<Embedding> embeddings = new ArrayList<>();
			for (TextSegment segment : segments) {
				String text = segment.text().toLowerCase();
				float[] vector = new float[WORDS.length + 1];
				for (int i = 0; i < WORDS.length; i++) {
					vector[i] = text.contains(WORDS[i]) ? 1f : 0f;
				}
				vector[WORDS.length] = 0.1f;
				embeddings.add(Embedding.from(vector));
			}
			return Response.from(embeddings);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class LangChain4jApp {

		@Bean
		ChatModel chatModel() {
			return OpenAiChatModel.builder()
				.baseUrl(openAi.baseUrl())
				.apiKey("test-key")
				.modelName(OpenAiMock.MODEL)
				.temperature(0.2)
				.build();
		}

		@Bean
		StreamingChatModel streamingChatModel() {
			return OpenAiStreamingChatModel.builder()
				.baseUrl(openAi.baseUrl())
				.apiKey("test-key")
				.modelName(OpenAiMock.MODEL)
				.build();
		}

		@Bean
		CountingListener userListener() {
			return new CountingListener();
		}

		@Bean
		ChatModel listenedModel(CountingListener userListener) {
			return OpenAiChatModel.builder()
				.baseUrl(openAi.baseUrl())
				.apiKey("test-key")
				.modelName(OpenAiMock.MODEL)
				.listeners(List.of(userListener))
				.build();
		}

		@Bean
		ChatModel listenerBuiltInModel(CountingListener userListener, LlmObsChatModelListener llmObs) {
			// As the LangChain4j Spring Boot integration builds models: with every
			// listener
			// bean.
			return OpenAiChatModel.builder()
				.baseUrl(openAi.baseUrl())
				.apiKey("test-key")
				.modelName(OpenAiMock.MODEL)
				.listeners(List.of(userListener, llmObs))
				.build();
		}

		@Bean
		EmbeddingModel embeddingModel() {
			return new WordCountEmbeddingModel();
		}

		@Bean
		EmbeddingStore<TextSegment> embeddingStore(EmbeddingModel embeddingModel) {
			InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
			for (String text : List.of("Paris weather: mild, sun most days in June.", "Berlin weather: rain in autumn.",
					"Price list of umbrellas.")) {
				TextSegment segment = TextSegment.from(text, Metadata.from("source", "guide"));
				store.add(embeddingModel.embed(segment).content(), segment);
			}
			return store;
		}

		@Bean
		ContentRetriever contentRetriever(EmbeddingStore<TextSegment> embeddingStore, EmbeddingModel embeddingModel) {
			return EmbeddingStoreContentRetriever.builder()
				.embeddingStore(embeddingStore)
				.embeddingModel(embeddingModel)
				.maxResults(2)
				.minScore(0.1)
				.build();
		}

		@Bean
		Assistant assistant(@Qualifier("chatModel") ChatModel chatModel, ContentRetriever contentRetriever) {
			return AiServices.builder(Assistant.class)
				.chatModel(chatModel)
				.tools(new WeatherTools())
				.contentRetriever(contentRetriever)
				.chatMemoryProvider((id) -> MessageWindowChatMemory.withMaxMessages(10))
				.build();
		}

		@Bean
		StreamingAssistant streamingAssistant(StreamingChatModel streamingChatModel) {
			return AiServices.builder(StreamingAssistant.class)
				.streamingChatModel(streamingChatModel)
				.tools(new WeatherTools())
				.build();
		}

	}

}
