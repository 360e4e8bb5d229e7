package dev.llmobs.sample.web;

import java.util.List;

import io.opentelemetry.api.trace.Span;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.llmobs.sample.assistant.SupportAnswer;
import dev.llmobs.sample.assistant.SupportAssistant;

/**
 * {@code POST /api/chat} answers a message; {@code GET /api/chat/stream?message=} streams
 * the answer as server-sent events. Send {@code X-Session-Id} and {@code X-User-Id}
 * headers to group turns into a conversation. A message is at most
 * {@value ChatInputLimits#MAX_MESSAGE_CHARS} characters (see {@link ChatInputLimits}).
 */
@RestController
public class ChatController {

	private final SupportAssistant assistant;

	public ChatController(SupportAssistant assistant) {
		this.assistant = assistant;
	}

	@PostMapping(path = "/api/chat", consumes = MediaType.APPLICATION_JSON_VALUE)
	public ChatReply chat(@RequestBody ChatRequest request) {
		return reply(this.assistant.answer(bounded(request.message())));
	}

	/**
	 * Streams the answer as it is generated: {@code chunk} events, then a {@code done}
	 * event carrying the trace id (also in the {@code X-Trace-Id} response header).
	 * @param message the question
	 * @return the events
	 */
	@GetMapping(path = "/api/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Flux<ServerSentEvent<String>> stream(@RequestParam String message) {
		String traceId = Span.current().getSpanContext().getTraceId();
		return this.assistant.answerStream(bounded(message))
			.map((chunk) -> ServerSentEvent.builder(chunk).event("chunk").build())
			.concatWith(Mono.fromSupplier(() -> ServerSentEvent.builder(traceId).event("done").build()));
	}

	private static String bounded(String message) {
		if (message != null && message.length() > ChatInputLimits.MAX_MESSAGE_CHARS) {
			throw new ChatWebConfiguration.MessageTooLongException(message.length());
		}
		return message;
	}

	private static ChatReply reply(SupportAnswer answer) {
		List<ChatReply.Source> sources = answer.sources()
			.stream()
			.map((article) -> new ChatReply.Source(article.id(), article.title(), article.score()))
			.toList();
		return new ChatReply(answer.answer(), sources, answer.model(), Span.current().getSpanContext().getTraceId());
	}

}
