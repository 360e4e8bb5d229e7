package dev.llmobs.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer and {@code /actuator/llmobs} over real HTTP: a request a local reverse proxy
 * forwards for a remote client is remote (the test connects to loopback only and names
 * the client in {@code X-Forwarded-For}, which Tomcat's remote-IP valve turns into the
 * request's remote address); requests to {@code localhost} are local.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo-conversation.enabled=false", "llmobs.console.enabled=false",
				"server.forward-headers-strategy=native" })
class ViewerAccessIT {

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	/**
	 * A client address of TEST-NET-3, never routed: the request itself goes to loopback.
	 */
	static final String REMOTE_CLIENT = "203.0.113.9";

	/**
	 * A request from a remote client as a reverse proxy on this host forwards it:
	 * Tomcat's remote-IP valve ({@code server.forward-headers-strategy=native}) makes the
	 * client's address the request's remote address, as for any proxied request.
	 */
	static HttpResponse<String> getFromRemoteClient(int port, String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("X-Forwarded-For", REMOTE_CLIENT)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> get(String host, int port, String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void remoteRequestsAreRefusedWith403NamingTheProperty() throws Exception {
		for (String path : new String[] { "/llmobs", "/llmobs/api/traces", "/llmobs/viewer.js", "/actuator/llmobs" }) {
			HttpResponse<String> response = getFromRemoteClient(this.port, path);
			assertThat(response.statusCode()).as(path).isEqualTo(403);
			assertThat(response.body()).as(path).contains("llmobs.viewer.allow-remote=true");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
		}
		assertThat(getFromRemoteClient(this.port, "/actuator/health").statusCode()).as("other endpoints are untouched")
			.isEqualTo(200);
	}

	@Test
	void localRequestsAreAnsweredWithSecurityHeaders() throws Exception {
		HttpResponse<String> page = get("localhost", this.port, "/llmobs");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("default-src 'none'").contains("script-src 'self'"));
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(get("127.0.0.1", this.port, "/llmobs/api/traces").statusCode()).isEqualTo(200);
		HttpResponse<String> endpoint = get("localhost", this.port, "/actuator/llmobs");
		assertThat(endpoint.statusCode()).isEqualTo(200);
		assertThat(endpoint.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	@Nested
	@TestPropertySource(properties = "llmobs.viewer.allow-remote=true")
	class WhenRemoteAccessIsAllowed {

		@LocalServerPort
		int port;

		@Test
		void remoteRequestsAreAnswered() throws Exception {
			assertThat(getFromRemoteClient(this.port, "/llmobs").statusCode()).isEqualTo(200);
			assertThat(getFromRemoteClient(this.port, "/actuator/llmobs").statusCode()).isEqualTo(200);
			assertThat(getFromRemoteClient(this.port, "/llmobs").headers().firstValue("Content-Security-Policy"))
				.isPresent();
		}

	}

}
