package dev.llmobs.langchain4j;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A strict local stand-in for OpenAI's chat-completions API on the loopback interface:
 * only {@code POST /v1/chat/completions} with a bearer key and a JSON body is answered.
 * When the user asks about the weather and tools are offered, the first answer is a call
 * of the {@code weather} tool, and once the tool's result is in the conversation the
 * answer is text; otherwise the answer is text. {@code "stream": true} is answered with
 * server-sent chunks as OpenAI sends them, the usage in a last chunk. A user message
 * containing {@code FAIL} gets a 500.
 */
final class OpenAiMock implements AutoCloseable {

	static final String MODEL = "gpt-4o-mini";

	static final String RESPONSE_MODEL = "gpt-4o-mini-2024-07-18";

	static final String FINAL_TEXT = "It is sunny in Paris, 21 degrees.";

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	private OpenAiMock(HttpServer server) {
		this.server = server;
	}

	static OpenAiMock start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			OpenAiMock mock = new OpenAiMock(server);
			server.createContext("/", mock::handle);
			server.setExecutor(mock.executor);
			server.start();
			return mock;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String baseUrl() {
		return "http://" + this.server.getAddress().getHostString() + ":" + this.server.getAddress().getPort() + "/v1";
	}

	List<JsonNode> requests() {
		return this.requests;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())
					|| !"/v1/chat/completions".equals(exchange.getRequestURI().getPath())
					|| !"Bearer test-key".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				send(exchange, 404, "application/json", "{\"error\":{\"message\":\"unexpected request\"}}");
				return;
			}
			JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
			if (!body.path("messages").isArray() || !body.path("model").isString()) {
				send(exchange, 400, "application/json", "{\"error\":{\"message\":\"no messages or model\"}}");
				return;
			}
			this.requests.add(body);
			String lastUser = "";
			boolean toolAnswered = false;
			for (JsonNode message : body.path("messages")) {
				if ("user".equals(message.path("role").asString())) {
					lastUser = message.path("content").toString();
				}
				if ("tool".equals(message.path("role").asString())) {
					toolAnswered = true;
				}
			}
			if (lastUser.contains("FAIL")) {
				send(exchange, 500, "application/json", "{\"error\":{\"message\":\"the model is down\"}}");
				return;
			}
			boolean tools = !toolAnswered && body.path("tools").isArray();
			boolean callTool = tools && lastUser.contains("weather");
			if (tools && lastUser.contains("forecast")) {
				send(exchange, 200, "application/json", toolCallCompletion("forecast", "call_forecast_1"));
				return;
			}
			boolean stream = body.path("stream").asBoolean(false);
			if (stream) {
				stream(exchange, callTool);
			}
			else {
				send(exchange, 200, "application/json",
						callTool ? toolCallCompletion("weather", "call_weather_1") : textCompletion(lastUser));
			}
		}
	}

	private static String toolCallCompletion(String tool, String id) {
		return """
				{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"%s",
				"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
				{"id":"%s","type":"function","function":{"name":"%s","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
				"finish_reason":"tool_calls"}],
				"usage":{"prompt_tokens":50,"completion_tokens":10,"total_tokens":60}}
				""".formatted(RESPONSE_MODEL, id, tool);
	}

	private static String textCompletion(String lastUser) {
		String text = lastUser.contains("weather") ? FINAL_TEXT : "Hello from the mock.";
		return """
				{"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"%s",
				"choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
				"usage":{"prompt_tokens":80,"completion_tokens":12,"total_tokens":92}}
				""".formatted(RESPONSE_MODEL, text);
	}

	private void stream(HttpExchange exchange, boolean callTool) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		String head = "{\"id\":\"chatcmpl-3\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\""
				+ RESPONSE_MODEL + "\",\"choices\":[{\"index\":0,";
		if (callTool) {
			chunk(out,
					head + "\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
							+ "\"id\":\"call_weather_2\",\"type\":\"function\",\"function\":{\"name\":\"weather\","
							+ "\"arguments\":\"\"}}]},\"finish_reason\":null}]}");
			chunk(out, head + "\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
					+ "\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}");
			chunk(out, head + "\"delta\":{},\"finish_reason\":\"tool_calls\"}]}");
			usage(out, 50, 10);
		}
		else {
			chunk(out,
					head + "\"delta\":{\"role\":\"assistant\",\"content\":\"It is sunny \"},\"finish_reason\":null}]}");
			chunk(out, head + "\"delta\":{\"content\":\"in Paris, 21 degrees.\"},\"finish_reason\":null}]}");
			chunk(out, head + "\"delta\":{},\"finish_reason\":\"stop\"}]}");
			usage(out, 80, 12);
		}
		out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void usage(OutputStream out, int prompt, int completion) throws IOException {
		chunk(out,
				"{\"id\":\"chatcmpl-3\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\""
						+ RESPONSE_MODEL + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt
						+ ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (prompt + completion) + "}}");
	}

	private static void chunk(OutputStream out, String json) throws IOException {
		out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
