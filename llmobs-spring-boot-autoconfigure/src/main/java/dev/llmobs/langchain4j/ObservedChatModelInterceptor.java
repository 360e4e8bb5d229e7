package dev.llmobs.langchain4j;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import dev.llmobs.failure.RecordingFailures;

/**
 * Runs the {@link LlmObsChatModelListener} around the calls of a {@link ChatModel} or
 * {@link StreamingChatModel} that was built without it (LangChain4j's models take their
 * listeners when built, so a built model cannot be given one): the model's own listeners
 * keep running inside, exactly as before. On a streaming model the response handler is
 * wrapped to time the first chunk; when the model was built with the listener, only that
 * is done, so there is one span per call either way.
 */
final class ObservedChatModelInterceptor implements MethodInterceptor {

	private final ChatModelListener listener;

	private final boolean listenerBuiltIn;

	/**
	 * Creates the interceptor.
	 * @param listener the listener
	 * @param listenerBuiltIn whether the model already calls the listener itself
	 */
	ObservedChatModelInterceptor(ChatModelListener listener, boolean listenerBuiltIn) {
		this.listener = listener;
		this.listenerBuiltIn = listenerBuiltIn;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object[] args = invocation.getArguments();
		if (!"chat".equals(invocation.getMethod().getName()) || args.length == 0) {
			return invocation.proceed();
		}
		Object target = invocation.getThis();
		if (args[args.length - 1] instanceof StreamingChatResponseHandler handler
				&& target instanceof StreamingChatModel model) {
			ChatRequest request = request(args[0]);
			if (request == null) {
				return invocation.proceed();
			}
			ChatRequestOptions options = (args.length == 3 && args[1] instanceof ChatRequestOptions given) ? given
					: ChatRequestOptions.EMPTY;
			streamingChat(model, request, options, handler);
			return null;
		}
		if (this.listenerBuiltIn || !(target instanceof ChatModel model)) {
			return invocation.proceed();
		}
		ChatRequest request = request(args[0]);
		if (request == null || (args.length == 2 && !(args[1] instanceof ChatRequestOptions))) {
			return invocation.proceed();
		}
		ChatRequestOptions options = (args.length == 2) ? (ChatRequestOptions) args[1] : ChatRequestOptions.EMPTY;
		ChatResponse response = chat(model, request, options);
		return (args[0] instanceof String) ? response.aiMessage().text() : response;
	}

	private ChatResponse chat(ChatModel model, ChatRequest request, ChatRequestOptions options) {
		Map<Object, Object> attributes = new ConcurrentHashMap<>(options.listenerAttributes());
		ModelProvider provider = model.provider();
		ChatRequest effective = effective(request, model.defaultRequestParameters());
		quietly(() -> this.listener.onRequest(new ChatModelRequestContext(effective, provider, attributes)));
		ChatResponse response;
		try {
			response = model.chat(request, options);
		}
		catch (RuntimeException | Error ex) {
			quietly(() -> this.listener.onError(new ChatModelErrorContext(ex, effective, provider, attributes)));
			throw ex;
		}
		quietly(() -> this.listener
			.onResponse(new ChatModelResponseContext(response, effective, provider, attributes)));
		return response;
	}

	private void streamingChat(StreamingChatModel model, ChatRequest request, ChatRequestOptions options,
			StreamingChatResponseHandler handler) {
		FirstToken firstToken = new FirstToken();
		if (this.listenerBuiltIn) {
			ChatRequestOptions timed = ChatRequestOptions.builder()
				.listenerAttributes(new ConcurrentHashMap<>(options.listenerAttributes()))
				.addListenerAttribute(FirstToken.KEY, firstToken)
				.build();
			model.chat(request, timed, new ObservedStreamingHandler(handler, firstToken, null));
			return;
		}
		Map<Object, Object> attributes = new ConcurrentHashMap<>(options.listenerAttributes());
		attributes.put(FirstToken.KEY, firstToken);
		ModelProvider provider = model.provider();
		ChatRequest effective = effective(request, model.defaultRequestParameters());
		quietly(() -> this.listener.onRequest(new ChatModelRequestContext(effective, provider, attributes)));
		ObservedStreamingHandler.Ending ending = new ObservedStreamingHandler.Ending(this.listener, effective, provider,
				attributes);
		try {
			model.chat(request, options, new ObservedStreamingHandler(handler, firstToken, ending));
		}
		catch (RuntimeException | Error ex) {
			ending.failed(ex);
			throw ex;
		}
	}

	private static void quietly(Runnable recording) {
		try {
			recording.run();
		}
		catch (Throwable ex) {
			RecordingFailures.record("a LangChain4j chat call", ex);
		}
	}

	private static ChatRequest effective(ChatRequest request, ChatRequestParameters defaults) {
		try {
			if (defaults == null) {
				return request;
			}
			return ChatRequest.builder()
				.messages(request.messages())
				.parameters(defaults.overrideWith(request.parameters()))
				.build();
		}
		catch (RuntimeException ex) {
			RecordingFailures.record("the parameters of a LangChain4j chat call", ex);
			return request;
		}
	}

	@SuppressWarnings("unchecked")
	private static ChatRequest request(Object argument) {
		if (argument instanceof ChatRequest request) {
			return request;
		}
		if (argument instanceof String text) {
			return ChatRequest.builder().messages(UserMessage.from(text)).build();
		}
		if (argument instanceof ChatMessage[] messages) {
			return ChatRequest.builder().messages(messages).build();
		}
		if (argument instanceof List<?> messages) {
			return ChatRequest.builder().messages((List<ChatMessage>) messages).build();
		}
		return null;
	}

}
