package dev.llmobs.langchain4j;

import java.util.List;
import java.util.Map;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import dev.llmobs.context.ChainAccumulator;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.context.NestedModelCalls;
import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.prompt.PromptTemplateInfo;
import dev.llmobs.trace.LlmObsAttributes;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.SpanCompletion;
import dev.llmobs.trace.SpanIdentity;
import dev.llmobs.trace.convention.LlmMessage;
import dev.llmobs.trace.convention.LlmSpanConvention;
import dev.llmobs.trace.convention.ModelProvider;

/**
 * LangChain4j's own hook for observing a chat model, turned into one {@code LLM} span per
 * call: provider, request and response model, invocation parameters, input and output
 * messages with tool calls and tool results, typed token usage, cost, finish reason,
 * errors. The span travels between the callbacks in the listener attributes. Registered
 * as a bean, so models built by the LangChain4j Spring Boot integration get it; models
 * built without it are wrapped so that it runs all the same. Never throws into the call.
 */
public final class LlmObsChatModelListener implements ChatModelListener {

	private static final Object CALL = ObservedChat.class;

	private final LangChain4jSpans spans;

	private final ChatMessages messages;

	private final List<LlmSpanConvention> conventions;

	/**
	 * Creates the listener.
	 * @param spans the shared span parts
	 */
	public LlmObsChatModelListener(LangChain4jSpans spans) {
		this.spans = spans;
		this.messages = new ChatMessages(spans.writer().capture(), spans.writer().flattenedAttributeBudget());
		this.conventions = spans.writer().conventions().all();
	}

	@Override
	public void onRequest(ChatModelRequestContext requestContext) {
		try {
			ChatRequest request = requestContext.chatRequest();
			ModelProvider provider = LangChain4jSpans
				.provider((requestContext.modelProvider() != null) ? requestContext.modelProvider().name() : null);
			String model = (request.parameters() != null) ? request.modelName() : null;
			Context current = Context.current();
			Context stashed = this.spans.takeModelCallParent();
			if (stashed != null && !Span.fromContext(current).getSpanContext().isValid()) {
				current = stashed;
			}
			NestedModelCalls enclosing = NestedModelCalls.from(current);
			if (enclosing != null) {
				enclosing.started();
			}
			LlmObsContext llmObs = LlmObsContext.from(current);
			SpanCompletion completion;
			try (Scope scope = (current != stashed) ? Scope.noop() : current.makeCurrent()) {
				completion = this.spans.startModelCall((model != null) ? "chat " + model : "chat",
						new SpanIdentity(provider.openInferenceProvider(), (model != null) ? model : "", "", ""));
			}
			ObservedChat call = new ObservedChat(completion, provider.genAiName(), (model != null) ? model : "",
					llmObs.isJudge() ? null : ChainAccumulator.from(current), llmObs.prompt());
			Map<Object, Object> attributes = requestContext.attributes();
			attributes.put(CALL, call);
			if (attributes.get(FirstToken.KEY) instanceof FirstToken firstToken) {
				firstToken.bind(completion);
			}
			Span span = completion.span();
			if (!span.isRecording()) {
				return;
			}
			Map<String, Object> parameters = ChatMessages.invocationParameters(request.parameters());
			for (LlmSpanConvention convention : this.conventions) {
				convention.provider(span, LlmSpanKind.LLM, provider);
				convention.invocationParameters(span, parameters);
			}
			if (this.spans.captureInputs()) {
				List<LlmMessage> input = this.messages.input(request.messages());
				for (LlmSpanConvention convention : this.conventions) {
					convention.inputMessages(span, input);
				}
				int dropped = request.messages().size() - input.size();
				if (dropped > 0) {
					span.setAttribute(LlmObsAttributes.LLMOBS_MESSAGES_DROPPED, (long) dropped);
				}
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the start of a LangChain4j chat call", ex);
		}
	}

	@Override
	public void onResponse(ChatModelResponseContext responseContext) {
		if (!(responseContext.attributes().get(CALL) instanceof ObservedChat call)) {
			return;
		}
		try {
			ChatResponse response = responseContext.chatResponse();
			Span span = call.completion().span();
			if (response != null) {
				String finishReason = ChatMessages.finishReason(response.finishReason());
				LlmUsage usage = usage(response, finishReason);
				this.spans.recorder()
					.record(span, call.provider(), call.requestModel(), usage, call.traceState(), call.prompt());
				if (this.spans.captureOutputs() && span.isRecording() && response.aiMessage() != null) {
					List<LlmMessage> output = List.of(this.messages.output(response.aiMessage(), finishReason));
					for (LlmSpanConvention convention : this.conventions) {
						convention.outputMessages(span, output);
					}
				}
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the end of a LangChain4j chat call", ex);
		}
		finally {
			call.completion().succeed(null);
		}
	}

	@Override
	public void onError(ChatModelErrorContext errorContext) {
		if (errorContext.attributes().get(CALL) instanceof ObservedChat call) {
			call.completion().fail(errorContext.error());
		}
	}

	private static LlmUsage usage(ChatResponse response, String finishReason) {
		TokenUsage tokens = response.tokenUsage();
		Long input = (tokens != null && tokens.inputTokenCount() != null) ? tokens.inputTokenCount().longValue() : null;
		Long output = (tokens != null && tokens.outputTokenCount() != null) ? tokens.outputTokenCount().longValue()
				: null;
		String text = (response.aiMessage() != null) ? response.aiMessage().text() : null;
		return new LlmUsage(input, output, null, response.modelName(),
				(finishReason != null) ? List.of(finishReason) : List.of(), text);
	}

	/**
	 * A chat call in flight, kept in the listener attributes.
	 */
	private record ObservedChat(SpanCompletion completion, String provider, String requestModel,
			ChainAccumulator traceState, PromptTemplateInfo prompt) {
	}

}
