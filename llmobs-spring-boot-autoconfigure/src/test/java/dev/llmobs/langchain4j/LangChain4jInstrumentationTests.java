package dev.llmobs.langchain4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmobs.autoconfigure.LlmObsAutoConfiguration;
import dev.llmobs.autoconfigure.LangChain4jBeanPostProcessor;
import dev.llmobs.autoconfigure.LlmObsLangChain4jAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The LangChain4j integration as Boot wires it, over an in-memory span exporter, with
 * models, a streaming model and a retriever that answer without a network: the span each
 * produces, the capture switches, limits and redaction, errors, and the switches that
 * turn it off.
 */
class LangChain4jInstrumentationTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, LlmObsAutoConfiguration.class,
				LlmObsLangChain4jAutoConfiguration.class))
		.withBean(OpenTelemetry.class, () -> OpenTelemetrySdk.builder()
			.setTracerProvider(
					SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(this.exporter)).build())
			.build())
		.withPropertyValues("llmobs.capture.max-length=80", "llmobs.capture.redact=emails,secrets")
		.withUserConfiguration(Models.class);

	@Test
	void shouldSupplyTheListenerAndInstrumentModels() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(LlmObsChatModelListener.class)
				.hasSingleBean(LangChain4jBeanPostProcessor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(ChatModel.class))).isTrue();
			assertThat(context.getBean(FakeChatModel.class)).isNotNull();
		});
	}

	@Test
	void chatCallIsOneLlmSpanWithCapturedRedactedAndTruncatedMessagesUsageAndCost() {
		this.runner.run((context) -> {
			ChatModel model = context.getBean(ChatModel.class);
			String prompt = "Write to jane.doe@example.com about " + "the weather ".repeat(20);
			assertThat(model.chat(prompt)).isEqualTo("The weather is fine.");
			SpanData span = onlySpan();
			assertThat(span.getName()).isEqualTo("chat gpt-4o-mini");
			assertThat(attr(span, "openinference.span.kind")).isEqualTo("LLM");
			assertThat(attr(span, "gen_ai.operation.name")).isEqualTo("chat");
			assertThat(attr(span, "gen_ai.provider.name")).isEqualTo("openai");
			assertThat(attr(span, "gen_ai.request.model")).isEqualTo("gpt-4o-mini");
			assertThat(attr(span, "gen_ai.response.model")).isEqualTo("gpt-4o-mini-2024-07-18");
			assertThat(attr(span, "llm.invocation_parameters"))
				.isEqualTo("{\"model\":\"gpt-4o-mini\",\"temperature\":0.5}");
			assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(7L);
			assertThat(span.getAttributes().get(AttributeKey.longKey("llm.token_count.total"))).isEqualTo(10L);
			assertThat(span.getAttributes().get(AttributeKey.doubleKey("llm.cost.total"))).isPositive();
			assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
				.containsExactly("stop");
			String content = attr(span, "llm.input_messages.0.message.content");
			assertThat(content).doesNotContain("jane.doe@example.com")
				.contains("[REDACTED:email]")
				.contains("…[truncated");
			assertThat(attr(span, "llm.output_messages.0.message.content")).isEqualTo("The weather is fine.");
		});
	}

	@Test
	void inputsAndOutputsAreNotCapturedWhenSwitchedOff() {
		this.runner.withPropertyValues("llmobs.capture.inputs=false", "llmobs.capture.outputs=false").run((context) -> {
			context.getBean(ChatModel.class).chat("a secret question");
			SpanData span = onlySpan();
			assertThat(span.getAttributes().asMap().keySet()).noneMatch((key) -> key.getKey().contains("messages")
					|| key.getKey().startsWith("input.") || key.getKey().startsWith("output."));
			assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(3L);
		});
	}

	@Test
	void failingCallRethrowsTheModelsExceptionAndEndsTheSpanAsError() {
		this.runner.run((context) -> {
			ChatModel model = context.getBean(ChatModel.class);
			assertThatIllegalStateException().isThrownBy(() -> model.chat("boom")).withMessage("model down");
			SpanData span = onlySpan();
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(attr(span, "error.type")).isEqualTo(IllegalStateException.class.getName());
		});
	}

	@Test
	void streamedCallEndsWithTheStreamWithTimeToFirstChunkAndTheJoinedAnswer() {
		this.runner.run((context) -> {
			StreamingChatModel model = context.getBean(StreamingChatModel.class);
			List<String> tokens = new ArrayList<>();
			List<ChatResponse> completed = new ArrayList<>();
			model.chat("stream it", new StreamingChatResponseHandler() {

				@Override
				public void onPartialResponse(String partialResponse) {
					tokens.add(partialResponse);
				}

				@Override
				public void onCompleteResponse(ChatResponse completeResponse) {
					completed.add(completeResponse);
				}

				@Override
				public void onError(Throwable error) {
				}

			});
			assertThat(tokens).containsExactly("Hel", "lo");
			assertThat(completed).hasSize(1);
			SpanData span = onlySpan();
			assertThat(span.getAttributes().get(AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk")))
				.isNotNull();
			assertThat(attr(span, "llm.output_messages.0.message.content")).isEqualTo("Hello");
			assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(4L);
		});
	}

	@Test
	void streamingModelBuiltWithTheListenerHasOneSpanWithTimeToFirstChunk() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LlmObsAutoConfiguration.class, LlmObsLangChain4jAutoConfiguration.class))
			.withBean(OpenTelemetry.class, () -> OpenTelemetrySdk.builder()
				.setTracerProvider(
						SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(this.exporter)).build())
				.build())
			.withUserConfiguration(ListenerBuiltInStreaming.class)
			.run((context) -> {
				StreamingChatModel model = context.getBean(StreamingChatModel.class);
				List<ChatResponse> completed = new ArrayList<>();
				model.chat("stream it", new StreamingChatResponseHandler() {

					@Override
					public void onCompleteResponse(ChatResponse completeResponse) {
						completed.add(completeResponse);
					}

					@Override
					public void onError(Throwable error) {
					}

				});
				assertThat(completed).hasSize(1);
				SpanData span = onlySpan();
				assertThat(span.getAttributes().get(AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk")))
					.isNotNull();
				assertThat(attr(span, "llm.output_messages.0.message.content")).isEqualTo("Hello");
			});
	}

	@Test
	void userListenersOfAWrappedModelRunOnceAndTheModelHasOneSpan() {
		this.runner.run((context) -> {
			FakeChatModel model = context.getBean(FakeChatModel.class);
			model.chat("hello");
			assertThat(Models.userListenerCalls.get()).isEqualTo(1);
			assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
		});
	}

	@Test
	void retrieverCallIsARetrieverSpanWithTheQueryAndScoredDocuments() {
		this.runner.run((context) -> {
			ContentRetriever retriever = context.getBean(ContentRetriever.class);
			assertThat(retriever.retrieve(Query.from("weather in Paris"))).hasSize(1);
			SpanData span = onlySpan();
			assertThat(attr(span, "openinference.span.kind")).isEqualTo("RETRIEVER");
			assertThat(attr(span, "input.value")).isEqualTo("weather in Paris");
			assertThat(attr(span, "retrieval.documents.0.document.content")).isEqualTo("Paris: sunny");
			assertThat(attr(span, "retrieval.documents.0.document.id")).isEqualTo("doc-1");
			assertThat(span.getAttributes().get(AttributeKey.doubleKey("retrieval.documents.0.document.score")))
				.isEqualTo(0.87);
		});
	}

	@Test
	void runWhenDisabledShouldNotInstrument() {
		this.runner.withPropertyValues("llmobs.langchain4j.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(LlmObsChatModelListener.class);
			assertThat(AopUtils.isAopProxy(context.getBean(ChatModel.class))).isFalse();
			context.getBean(ChatModel.class).chat("hello");
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		});
		this.runner.withPropertyValues("llmobs.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(LangChain4jBeanPostProcessor.class);
			context.getBean(ChatModel.class).chat("hello");
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		});
	}

	@Test
	void shouldBackOffWithoutLangChain4j() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LlmObsAutoConfiguration.class, LlmObsLangChain4jAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("dev.langchain4j"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LangChain4jBeanPostProcessor.class)
				.doesNotHaveBean(LangChain4jSpans.class));
	}

	private SpanData onlySpan() {
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
		return this.exporter.getFinishedSpanItems().get(0);
	}

	private static String attr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	@Configuration(proxyBeanMethods = false)
	static class Models {

		static final AtomicInteger userListenerCalls = new AtomicInteger();

		@Bean
		FakeChatModel chatModel() {
			userListenerCalls.set(0);
			return new FakeChatModel(List.of(new ChatModelListener() {
				@Override
				public void onRequest(ChatModelRequestContext requestContext) {
					userListenerCalls.incrementAndGet();
				}
			}));
		}

		@Bean
		StreamingChatModel streamingChatModel() {
			return new FakeStreamingChatModel();
		}

		@Bean
		ContentRetriever contentRetriever() {
			return (query) -> List.of(Content.from(TextSegment.from("Paris: sunny"),
					Map.of(ContentMetadata.SCORE, 0.87, ContentMetadata.EMBEDDING_ID, "doc-1")));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerBuiltInStreaming {

		@Bean
		StreamingChatModel streamingChatModel(LlmObsChatModelListener listener) {
			return new FakeStreamingChatModel() {

				@Override
				public List<ChatModelListener> listeners() {
					return List.of(listener);
				}

			};
		}

	}

	/** A chat model built by the application, with a listener of its own. */
	static class FakeChatModel implements ChatModel {

		private final List<ChatModelListener> listeners;

		FakeChatModel(List<ChatModelListener> listeners) {
			this.listeners = listeners;
		}

		@Override
		public ChatResponse doChat(ChatRequest request) {
			if (((UserMessage) request.messages().get(0)).singleText().equals("boom")) {
				throw new IllegalStateException("model down");
			}
			return ChatResponse.builder()
				.aiMessage(AiMessage.from("The weather is fine."))
				.modelName("gpt-4o-mini-2024-07-18")
				.tokenUsage(new TokenUsage(7, 3))
				.finishReason(FinishReason.STOP)
				.build();
		}

		@Override
		public ChatRequestParameters defaultRequestParameters() {
			return DefaultChatRequestParameters.builder().modelName("gpt-4o-mini").temperature(0.5).build();
		}

		@Override
		public List<ChatModelListener> listeners() {
			return this.listeners;
		}

		@Override
		public ModelProvider provider() {
			return ModelProvider.OPEN_AI;
		}

	}

	/** A streaming model that answers in two chunks on the caller's thread. */
	static class FakeStreamingChatModel implements StreamingChatModel {

		@Override
		public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
			handler.onPartialResponse("Hel");
			handler.onPartialResponse("lo");
			handler.onCompleteResponse(ChatResponse.builder()
				.aiMessage(AiMessage.from("Hello"))
				.modelName("gpt-4o-mini")
				.tokenUsage(new TokenUsage(4, 2))
				.finishReason(FinishReason.STOP)
				.build());
		}

		@Override
		public ModelProvider provider() {
			return ModelProvider.OPEN_AI;
		}

	}

}
