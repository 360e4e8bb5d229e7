package dev.llmobs.sample.web;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * At startup, sends the app a scripted two-turn conversation in one session through its
 * own HTTP API, so traces appear without anyone typing. Turn off with
 * {@code sample.demo-conversation.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.demo-conversation.enabled", matchIfMissing = true)
public class DemoConversation implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(DemoConversation.class);

	static final List<String> TURNS = List.of("How do I get a refund for my Pro subscription?",
			"And how long does the refund take to arrive?");

	private final RestClient.Builder restClient;

	public DemoConversation(RestClient.Builder restClient) {
		this.restClient = restClient;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		RestClient client = this.restClient.baseUrl("http://localhost:" + web.getWebServer().getPort()).build();
		Thread thread = new Thread(() -> run(client), "demo-conversation");
		thread.setDaemon(true);
		thread.start();
	}

	private void run(RestClient client) {
		for (String turn : TURNS) {
			try {
				ChatReply reply = client.post()
					.uri("/api/chat")
					.header("X-Session-Id", "demo-session")
					.header("X-User-Id", "demo-user")
					.body(new ChatRequest(turn))
					.retrieve()
					.body(ChatReply.class);
				logger.info("Demo conversation: \"" + turn + "\" -> \"" + reply.answer() + "\" (trace "
						+ reply.traceId() + ")");
			}
			catch (RuntimeException ex) {
				logger.warn("Demo conversation turn failed: " + ex.getMessage());
				return;
			}
		}
	}

}
