package dev.llmobs.sample.web;

import java.util.Map;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The chat API's input limits: the body filter on {@code /api/chat}, and the JSON answer
 * for a message that is too long.
 */
@Configuration(proxyBeanMethods = false)
public class ChatWebConfiguration {

	@Bean
	FilterRegistrationBean<ChatInputLimits> chatInputLimits() {
		FilterRegistrationBean<ChatInputLimits> registration = new FilterRegistrationBean<>(new ChatInputLimits());
		registration.addUrlPatterns("/api/chat");
		// before anything else reads the body
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/**
	 * Answers {@link MessageTooLongException} with {@code 400} and a JSON error.
	 */
	@RestControllerAdvice(assignableTypes = ChatController.class)
	static class ChatErrors {

		@ExceptionHandler(MessageTooLongException.class)
		ResponseEntity<Map<String, Object>> tooLong(MessageTooLongException ex) {
			return ResponseEntity.status(HttpStatus.BAD_REQUEST)
				.body(Map.of("status", 400, "error", "message_too_long", "message", ex.getMessage(), "maxMessageChars",
						ChatInputLimits.MAX_MESSAGE_CHARS));
		}

	}

	/**
	 * A message over {@link ChatInputLimits#MAX_MESSAGE_CHARS}.
	 */
	static class MessageTooLongException extends RuntimeException {

		MessageTooLongException(int length) {
			super("A chat message is at most " + ChatInputLimits.MAX_MESSAGE_CHARS + " characters; this one has "
					+ length + ".");
		}

	}

}
