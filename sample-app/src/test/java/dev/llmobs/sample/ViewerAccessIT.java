package dev.llmobs.sample;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer and {@code /actuator/llmobs} over real HTTP: requests that reach the server
 * through a non-loopback address of this machine come from that address, so they are
 * remote; requests to {@code localhost} are local.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo-conversation.enabled=false", "llmobs.console.enabled=false" })
class ViewerAccessIT {

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	/** An address of this machine that is not loopback, such as the address on eth0. */
	static String nonLoopbackAddress() throws SocketException {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!network.isUp() || network.isLoopback()) {
				continue;
			}
			for (InetAddress address : Collections.list(network.getInetAddresses())) {
				if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
					return address.getHostAddress();
				}
			}
		}
		throw new AssertionError("this test needs a network interface with a non-loopback IPv4 address");
	}

	static HttpResponse<String> get(String host, int port, String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void remoteRequestsAreRefusedWith403NamingTheProperty() throws Exception {
		String remote = nonLoopbackAddress();
		for (String path : new String[] { "/llmobs", "/llmobs/api/traces", "/llmobs/viewer.js", "/actuator/llmobs" }) {
			HttpResponse<String> response = get(remote, this.port, path);
			assertThat(response.statusCode()).as(path).isEqualTo(403);
			assertThat(response.body()).as(path).contains("llmobs.viewer.allow-remote=true");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
		}
		assertThat(get(remote, this.port, "/actuator/health").statusCode()).as("other endpoints are untouched")
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
			String remote = nonLoopbackAddress();
			assertThat(get(remote, this.port, "/llmobs").statusCode()).isEqualTo(200);
			assertThat(get(remote, this.port, "/actuator/llmobs").statusCode()).isEqualTo(200);
			assertThat(get(remote, this.port, "/llmobs").headers().firstValue("Content-Security-Policy")).isPresent();
		}

	}

}
