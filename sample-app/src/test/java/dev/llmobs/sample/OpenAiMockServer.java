package dev.llmobs.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for OpenAI's chat completions API that serves recorded responses: a
 * blocking JSON completion, a server-sent event stream (optionally pausing after the
 * first chunk, for cancellation), or an API error. Replies are served in the order they
 * were queued; with none queued, the recorded blocking completion is served.
 */
final class OpenAiMockServer implements AutoCloseable {

	static final String MODEL = "gpt-4o-mini-2024-07-18";

	private final HttpServer server;

	private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private OpenAiMockServer(HttpServer server) {
		this.server = server;
	}

	static OpenAiMockServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			OpenAiMockServer mock = new OpenAiMockServer(server);
			server.createContext("/", mock::handle);
			server.setExecutor(Executors.newFixedThreadPool(4, (runnable) -> {
				Thread thread = new Thread(runnable, "openai-mock");
				thread.setDaemon(true);
				return thread;
			}));
			server.start();
			return mock;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1";
	}

	List<String> requests() {
		return List.copyOf(this.requests);
	}

	void enqueue(Reply reply) {
		this.replies.add(reply);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			this.requests.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
		}
		if (!exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
			send(exchange, 404, "application/json", "{\"error\":{\"message\":\"not found\"}}");
			return;
		}
		Reply reply = this.replies.poll();
		if (reply == null) {
			reply = Reply.completion("The default answer.", 10, 4, "stop");
		}
		if (reply.chunks() == null) {
			send(exchange, reply.status(), "application/json", reply.body());
			return;
		}
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			for (int i = 0; i < reply.chunks().size(); i++) {
				out.write(("data: " + reply.chunks().get(i) + "\n\n").getBytes(StandardCharsets.UTF_8));
				out.flush();
				if (i == 0 && reply.pauseAfterFirstMillis() > 0) {
					Thread.sleep(reply.pauseAfterFirstMillis());
				}
			}
			out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException | InterruptedException ex) {
			// The client went away (a cancelled stream); nothing more to send.
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * One recorded reply.
	 *
	 * @param status the HTTP status of a JSON reply
	 * @param body the JSON body
	 * @param chunks the event-stream chunks, or {@code null} for a JSON reply
	 * @param pauseAfterFirstMillis how long to pause after the first chunk
	 */
	record Reply(int status, String body, List<String> chunks, long pauseAfterFirstMillis) {

		static Reply completion(String text, int promptTokens, int completionTokens, String finishReason) {
			return new Reply(200, """
					{"id":"chatcmpl-rec-1","object":"chat.completion","created":1763800000,"model":"%s",
					 "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null,"annotations":[]},
					   "logprobs":null,"finish_reason":"%s"}],
					 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
					   "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
					   "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,
					     "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
					 "service_tier":"default","system_fingerprint":"fp_rec"}
					""".formatted(MODEL, quote(text), finishReason, promptTokens, completionTokens,
					promptTokens + completionTokens), null, 0);
		}

		/**
		 * A blocking completion in which the model asks for one tool call.
		 */
		static Reply toolCall(String callId, String toolName, String arguments, int promptTokens,
				int completionTokens) {
			return new Reply(200, """
					{"id":"chatcmpl-rec-tool","object":"chat.completion","created":1763800000,"model":"%s",
					 "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,"annotations":[],
					   "tool_calls":[{"id":"%s","type":"function","function":{"name":"%s","arguments":%s}}]},
					   "logprobs":null,"finish_reason":"tool_calls"}],
					 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d},
					 "service_tier":"default","system_fingerprint":"fp_rec"}
					""".formatted(MODEL, callId, toolName, quote(arguments), promptTokens, completionTokens,
					promptTokens + completionTokens), null, 0);
		}

		/**
		 * A stream in which the model asks for one tool call, its arguments split over
		 * two chunks.
		 */
		static Reply streamToolCall(String callId, String toolName, String arguments) {
			int half = arguments.length() / 2;
			List<String> chunks = List.of(chunk(
					"[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\""
							+ callId + "\",\"type\":\"function\",\"function\":{\"name\":\"" + toolName
							+ "\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}]",
					"null"),
					chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
							+ quote(arguments.substring(0, half)) + "}}]},\"logprobs\":null,\"finish_reason\":null}]",
							"null"),
					chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
							+ quote(arguments.substring(half)) + "}}]},\"logprobs\":null,\"finish_reason\":null}]",
							"null"),
					chunk("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]", "null"));
			return new Reply(200, null, chunks, 0);
		}

		static Reply stream(List<String> pieces, int promptTokens, int completionTokens, long pauseAfterFirstMillis) {
			List<String> chunks = new java.util.ArrayList<>();
			for (int i = 0; i < pieces.size(); i++) {
				String delta = (i == 0) ? "{\"role\":\"assistant\",\"content\":" + quote(pieces.get(i)) + "}"
						: "{\"content\":" + quote(pieces.get(i)) + "}";
				chunks.add(chunk("[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":null}]",
						"null"));
			}
			chunks.add(chunk("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]", "null"));
			if (promptTokens >= 0) {
				chunks.add(chunk("[]", "{\"prompt_tokens\":%d,\"completion_tokens\":%d,\"total_tokens\":%d}"
					.formatted(promptTokens, completionTokens, promptTokens + completionTokens)));
			}
			return new Reply(200, null, chunks, pauseAfterFirstMillis);
		}

		/**
		 * A stream whose provider sends no usage (OpenAI without usage in its stream
		 * options).
		 */
		static Reply streamWithoutUsage(List<String> pieces) {
			return stream(pieces, -1, -1, 0);
		}

		static Reply error(int status, String type, String message) {
			return new Reply(status, """
					{"error":{"message":%s,"type":"%s","param":null,"code":"%s"}}
					""".formatted(quote(message), type, type), null, 0);
		}

		private static String chunk(String choices, String usage) {
			return ("{\"id\":\"chatcmpl-rec-2\",\"object\":\"chat.completion.chunk\",\"created\":1763800001,"
					+ "\"model\":\"%s\",\"system_fingerprint\":\"fp_rec\",\"choices\":%s,\"usage\":%s}")
				.formatted(MODEL, choices, usage);
		}

		private static String quote(String text) {
			return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
		}

	}

}
