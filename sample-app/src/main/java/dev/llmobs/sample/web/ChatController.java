package dev.llmobs.sample.web;

import java.io.IOException;
import java.util.List;

import io.opentelemetry.api.trace.Span;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

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

	@GetMapping(path = "/api/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public SseEmitter stream(@RequestParam String message) throws IOException {
		ChatReply reply = reply(this.assistant.answer(bounded(message)));
		SseEmitter emitter = new SseEmitter();
		for (String word : reply.answer().split("(?<= )")) {
			emitter.send(SseEmitter.event().name("chunk").data(word));
		}
		emitter.send(SseEmitter.event().name("done").data(reply, MediaType.APPLICATION_JSON));
		emitter.complete();
		return emitter;
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
