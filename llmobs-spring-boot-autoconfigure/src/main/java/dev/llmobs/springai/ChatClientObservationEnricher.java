package dev.llmobs.springai;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

import org.springframework.ai.chat.client.ChatClientAttributes;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

import dev.llmobs.capture.CapturedContent;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.failure.RecordingFailures;
import dev.llmobs.trace.LlmObsAttributes;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.SpanIdentity;
import dev.llmobs.trace.convention.LlmSpanConvention;

/**
 * Turns the span of each Spring AI {@code ChatClient} call
 * ({@code spring.ai.chat.client}, blocking or streamed, {@code .content()} or
 * {@code .entity(...)}) into the turn of an agent: {@code AGENT} ({@code invoke_agent})
 * when the request offers tools, else {@code CHAIN}; named by
 * {@link ChatClientAgentName}; the last user message as input and the final content (the
 * entity's JSON for {@code .entity(...)}) as output. A chat memory conversation id
 * becomes the session of the turn, and of everything under it, when no session was set by
 * a header or a scope.
 */
public final class ChatClientObservationEnricher implements ObservationHandler<ChatClientObservationContext> {

	private static final String OPERATION_NAME = LlmObsAttributes.GEN_AI_OPERATION_NAME.getKey();

	private static final int MAX_CACHED_NAMES = 256;

	private static final int MAX_CONVERSATION_ID_LENGTH = 256;

	private final LlmSpanWriter writer;

	private final List<LlmSpanConvention> conventions;

	private final ChatClientAgentName names;

	private final boolean captureInputs;

	private final boolean captureOutputs;

	private final Map<String, Attributes> agentAttributes = new ConcurrentHashMap<>();

	private final Map<String, Attributes> chainAttributes = new ConcurrentHashMap<>();

	/**
	 * Creates the enricher.
	 * @param writer the span writer (capture, conventions)
	 * @param names names the agent of each turn
	 * @param captureInputs whether the user message is recorded
	 * @param captureOutputs whether the final content is recorded
	 */
	public ChatClientObservationEnricher(LlmSpanWriter writer, ChatClientAgentName names, boolean captureInputs,
			boolean captureOutputs) {
		this.writer = writer;
		this.conventions = writer.conventions().all();
		this.names = names;
		this.captureInputs = captureInputs;
		this.captureOutputs = captureOutputs;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatClientObservationContext;
	}

	@Override
	public void onStart(ChatClientObservationContext context) {
		try {
			Span span = ObservedSpans.of(context);
			if (!span.isRecording()) {
				return;
			}
			ChatClientRequest request = context.getRequest();
			LlmSpanKind kind = offersTools(request.prompt().getOptions()) ? LlmSpanKind.AGENT : LlmSpanKind.CHAIN;
			Attributes attributes = attributes(kind, this.names.of(request.context()));
			span.setAllAttributes(attributes);
			context.put(Turn.class, new Turn(span, kind, attributes.get(LlmObsAttributes.GEN_AI_OPERATION_NAME)));
			writeConversation(span, request.context());
			if (this.captureInputs && this.writer.writesContent(kind)) {
				String user = lastUserText(request.prompt().getInstructions());
				if (user != null) {
					this.writer.writeCapturedInput(span, kind,
							this.writer.capture().captureText(user, CapturedContent.TEXT));
				}
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the start of a Spring AI ChatClient call", ex);
		}
	}

	@Override
	public void onStop(ChatClientObservationContext context) {
		Turn turn = context.get(Turn.class);
		if (turn == null) {
			return;
		}
		try {
			if (turn.operationName() != null) {
				// Spring AI tags the span gen_ai.operation.name=framework when the span
				// ends; a high-cardinality key of the same name wins on the span and
				// leaves Spring AI's metric tags as they are.
				context.addHighCardinalityKeyValue(KeyValue.of(OPERATION_NAME, turn.operationName()));
			}
			ChatClientResponse response = context.getResponse();
			ChatResponse chat = (response != null) ? response.chatResponse() : null;
			if (chat == null) {
				if (context.getError() != null) {
					turn.span().setAttribute(LlmObsAttributes.ERROR_TYPE, context.getError().getClass().getName());
				}
				else if (context.isStream()) {
					// A stream stopped before its end: Spring AI aggregated no response.
					turn.span().setAttribute(LlmObsAttributes.LLMOBS_CANCELLED, true);
					turn.span().addEvent("llmobs.cancelled");
				}
				return;
			}
			if (this.captureOutputs && this.writer.writesContent(turn.kind())) {
				String text = finalText(chat);
				if (text != null) {
					String mimeType = (isEntity(context) && looksLikeJson(text)) ? CapturedContent.JSON
							: CapturedContent.TEXT;
					this.writer.writeCapturedOutput(turn.span(), turn.kind(),
							this.writer.capture().captureText(text, mimeType));
				}
			}
		}
		catch (Throwable ex) {
			RecordingFailures.record("the end of a Spring AI ChatClient call", ex);
		}
	}

	private Attributes attributes(LlmSpanKind kind, String name) {
		Map<String, Attributes> cache = (kind == LlmSpanKind.AGENT) ? this.agentAttributes : this.chainAttributes;
		Attributes cached = cache.get(name);
		if (cached != null) {
			return cached;
		}
		Attributes computed = LlmSpanTracer.staticAttributes(kind, name, SpanIdentity.NONE, this.writer.conventions());
		if (cache.size() < MAX_CACHED_NAMES) {
			cache.putIfAbsent(name, computed);
		}
		return computed;
	}

	private void writeConversation(Span span, Map<String, Object> requestContext) {
		Object id = requestContext.get(ChatMemory.CONVERSATION_ID);
		if (!(id instanceof String conversationId) || conversationId.isBlank()
				|| LlmObsContext.from(Context.current()).sessionId() != null) {
			return;
		}
		String bounded = (conversationId.length() > MAX_CONVERSATION_ID_LENGTH)
				? conversationId.substring(0, MAX_CONVERSATION_ID_LENGTH) : conversationId;
		for (LlmSpanConvention convention : this.conventions) {
			convention.conversation(span, bounded);
		}
	}

	static boolean offersTools(ChatOptions options) {
		if (options instanceof ToolCallingChatOptions tools) {
			List<?> callbacks = tools.getToolCallbacks();
			return callbacks != null && !callbacks.isEmpty();
		}
		return false;
	}

	private static String lastUserText(List<Message> messages) {
		for (int i = messages.size() - 1; i >= 0; i--) {
			Message message = messages.get(i);
			if (message.getMessageType() == MessageType.USER) {
				return message.getText();
			}
		}
		return null;
	}

	private static String finalText(ChatResponse chat) {
		Generation result = chat.getResult();
		return (result != null && result.getOutput() != null) ? result.getOutput().getText() : null;
	}

	private static boolean isEntity(ChatClientObservationContext context) {
		return context.getFormat() != null
				|| context.getRequest().context().get(ChatClientAttributes.OUTPUT_FORMAT.getKey()) != null
				|| Boolean.TRUE
					.equals(context.getRequest().context().get(ChatClientAttributes.STRUCTURED_OUTPUT_NATIVE.getKey()));
	}

	private static boolean looksLikeJson(String text) {
		String trimmed = text.strip();
		return trimmed.startsWith("{") || trimmed.startsWith("[");
	}

	/**
	 * What the start of a turn leaves for its end.
	 *
	 * @param span the turn's span
	 * @param kind {@code AGENT} or {@code CHAIN}
	 * @param operationName the {@code gen_ai.operation.name} written, or {@code null}
	 */
	private record Turn(Span span, LlmSpanKind kind, String operationName) {
	}

}
