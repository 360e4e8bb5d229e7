package dev.llmobs.langchain4j;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import dev.llmobs.failure.RecordingFailures;

/**
 * Hands every callback of a streamed chat response to the application's handler
 * unchanged, noting the first chunk and, when the listener is run from outside the model,
 * ending the span with the stream (before the application's completion callback, so the
 * span's end follows the answer).
 */
final class ObservedStreamingHandler implements StreamingChatResponseHandler {

	private final StreamingChatResponseHandler delegate;

	private final FirstToken firstToken;

	private final Ending ending;

	ObservedStreamingHandler(StreamingChatResponseHandler delegate, FirstToken firstToken, Ending ending) {
		this.delegate = delegate;
		this.firstToken = firstToken;
		this.ending = ending;
	}

	@Override
	public void onPartialResponse(String partialResponse) {
		this.firstToken.arrived();
		this.delegate.onPartialResponse(partialResponse);
	}

	@Override
	public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
		this.firstToken.arrived();
		this.delegate.onPartialResponse(partialResponse, context);
	}

	@Override
	public void onPartialThinking(PartialThinking partialThinking) {
		this.firstToken.arrived();
		this.delegate.onPartialThinking(partialThinking);
	}

	@Override
	public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
		this.firstToken.arrived();
		this.delegate.onPartialThinking(partialThinking, context);
	}

	@Override
	public void onPartialToolCall(PartialToolCall partialToolCall) {
		this.firstToken.arrived();
		this.delegate.onPartialToolCall(partialToolCall);
	}

	@Override
	public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
		this.firstToken.arrived();
		this.delegate.onPartialToolCall(partialToolCall, context);
	}

	@Override
	public void onCompleteToolCall(CompleteToolCall completeToolCall) {
		this.firstToken.arrived();
		this.delegate.onCompleteToolCall(completeToolCall);
	}

	@Override
	public void onUnmappedRawEvent(Object rawEvent) {
		this.delegate.onUnmappedRawEvent(rawEvent);
	}

	@Override
	public void onCompleteResponse(ChatResponse completeResponse) {
		if (this.ending != null) {
			this.ending.completed(completeResponse);
		}
		this.delegate.onCompleteResponse(completeResponse);
	}

	@Override
	public void onError(Throwable error) {
		if (this.ending != null) {
			this.ending.failed(error);
		}
		this.delegate.onError(error);
	}

	/**
	 * Tells the listener, once, how the stream ended.
	 */
	static final class Ending {

		private final ChatModelListener listener;

		private final ChatRequest request;

		private final ModelProvider provider;

		private final Map<Object, Object> attributes;

		private final AtomicBoolean ended = new AtomicBoolean();

		Ending(ChatModelListener listener, ChatRequest request, ModelProvider provider,
				Map<Object, Object> attributes) {
			this.listener = listener;
			this.request = request;
			this.provider = provider;
			this.attributes = attributes;
		}

		void completed(ChatResponse response) {
			if (this.ended.compareAndSet(false, true)) {
				try {
					this.listener.onResponse(
							new ChatModelResponseContext(response, this.request, this.provider, this.attributes));
				}
				catch (RuntimeException ex) {
					RecordingFailures.record("the end of a LangChain4j stream", ex);
				}
			}
		}

		void failed(Throwable error) {
			if (this.ended.compareAndSet(false, true)) {
				try {
					this.listener
						.onError(new ChatModelErrorContext(error, this.request, this.provider, this.attributes));
				}
				catch (RuntimeException ex) {
					RecordingFailures.record("the end of a LangChain4j stream", ex);
				}
			}
		}

	}

}
