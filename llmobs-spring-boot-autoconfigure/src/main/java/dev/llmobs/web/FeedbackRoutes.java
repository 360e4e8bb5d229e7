package dev.llmobs.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.llmobs.json.LlmObsJson;
import dev.llmobs.eval.Feedback;
import dev.llmobs.feedback.FeedbackRecorder;
import dev.llmobs.feedback.FeedbackRejectedException;

/**
 * {@code POST <path>} with {@code {"traceId", "name", "value", "comment"}}: a front end
 * sends a user's feedback on an answer, by the trace id the answer's response carried.
 * The body is read up to a bound and never whole when larger; every refusal is a 4xx with
 * a JSON message, never a 500.
 */
public final class FeedbackRoutes {

	private static final JsonMapper JSON = LlmObsJson.mapper();

	private FeedbackRoutes() {
	}

	/**
	 * The feedback route.
	 * @param path the path, such as {@code /llmobs/feedback}
	 * @param recorder records accepted feedback
	 * @param maxBodyBytes larger bodies are refused with {@code 413}
	 * @return the route
	 */
	public static RouterFunction<ServerResponse> routes(String path, FeedbackRecorder recorder, int maxBodyBytes) {
		return RouterFunctions.route().POST(path, (request) -> handle(request, recorder, maxBodyBytes)).build();
	}

	private static ServerResponse handle(ServerRequest request, FeedbackRecorder recorder, int maxBodyBytes) {
		try {
			JsonNode body = read(request, maxBodyBytes);
			Feedback feedback = recorder.record(text(body, "traceId"), text(body, "name"), value(body),
					optionalText(body, "comment"));
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("status", "recorded");
			answer.put("traceId", feedback.traceId());
			answer.put("name", feedback.name());
			answer.put("verdict", feedback.verdict().value());
			return ServerResponse.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON).body(answer);
		}
		catch (FeedbackRejectedException ex) {
			return ServerResponse.status(ex.status())
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("status", ex.status(), "error", ex.getMessage()));
		}
	}

	private static JsonNode read(ServerRequest request, int maxBodyBytes) {
		long declared = request.headers().contentLength().orElse(-1);
		if (declared > maxBodyBytes) {
			throw new FeedbackRejectedException(413, "the body is larger than " + maxBodyBytes + " bytes");
		}
		byte[] bytes;
		try (InputStream body = request.servletRequest().getInputStream()) {
			bytes = body.readNBytes(maxBodyBytes + 1);
		}
		catch (IOException ex) {
			throw new FeedbackRejectedException(400, "the body could not be read");
		}
		if (bytes.length > maxBodyBytes) {
			throw new FeedbackRejectedException(413, "the body is larger than " + maxBodyBytes + " bytes");
		}
		try {
			JsonNode node = JSON.readTree(bytes);
			if (node == null || !node.isObject()) {
				throw new FeedbackRejectedException(400, "the body must be a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new FeedbackRejectedException(400, "the body is not valid JSON");
		}
	}

	private static String text(JsonNode body, String field) {
		JsonNode node = body.get(field);
		if (node == null || !node.isString()) {
			throw new FeedbackRejectedException(400, "'" + field + "' must be a string");
		}
		return node.asString();
	}

	private static String optionalText(JsonNode body, String field) {
		JsonNode node = body.get(field);
		return (node == null || node.isNull()) ? null : text(body, field);
	}

	private static Object value(JsonNode body) {
		JsonNode node = body.get("value");
		if (node != null && node.isBoolean()) {
			return node.booleanValue();
		}
		if (node != null && node.isNumber()) {
			return node.doubleValue();
		}
		if (node != null && node.isString()) {
			return node.asString();
		}
		throw new FeedbackRejectedException(400, "'value' must be a boolean, a number or a label");
	}

}
