package dev.llmobs.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.llmobs.annotation.LlmChain;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security, the authenticated principal is the user, whatever
 * {@code X-User-Id} claims.
 */
@SpringBootTest(classes = SecurityPrincipalIT.SecuredApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.opentelemetry.tracing.export.schedule-delay=50ms", "llmobs.viewer.enabled=true",
				"server.forward-headers-strategy=native" })
@AutoConfigureTracing
@OtlpReceiverTest
class SecurityPrincipalIT {

	static OtlpTestReceiver receiver;

	@LocalServerPort
	int port;

	@Test
	void principalNameWinsOverASpoofedUserHeader() throws Exception {
		String basic = Base64.getEncoder().encodeToString("alice:wonderland".getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/chat"))
			.header("Authorization", "Basic " + basic)
			.header("X-User-Id", "mallory")
			.header("X-Session-Id", "conv-secure")
			.POST(HttpRequest.BodyPublishers.ofString("hi"))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan chain = receiver.awaitSpanNamed("SecuredFlow.answer", Duration.ofSeconds(20));
		assertThat(chain.attr("user.id")).isEqualTo("alice");
		assertThat(chain.attr("session.id")).isEqualTo("conv-secure");
		assertThat(receiver.spans()).noneMatch((span) -> "mallory".equals(span.attr("user.id")));
	}

	@Test
	void viewerAnswersARemoteRequestThatSpringSecurityAuthenticated() throws Exception {
		String basic = Base64.getEncoder().encodeToString("alice:wonderland".getBytes(StandardCharsets.UTF_8));
		// a remote client as a local reverse proxy forwards it: the request itself goes
		// to
		// loopback, Tomcat's remote-IP valve makes the client's address the remote
		// address
		URI viewer = URI.create("http://127.0.0.1:" + this.port + "/llmobs/api/traces");
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> authenticated = http.send(HttpRequest.newBuilder(viewer)
			.header("Authorization", "Basic " + basic)
			.header("X-Forwarded-For", "203.0.113.9")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(authenticated.statusCode()).isEqualTo(200);
		assertThat(authenticated.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		HttpResponse<String> anonymous = http.send(
				HttpRequest.newBuilder(viewer).header("X-Forwarded-For", "203.0.113.9").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).as("Spring Security refuses it first").isEqualTo(401);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ SecuredFlow.class, SecuredController.class })
	static class SecuredApp {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("alice").password("{noop}wonderland").roles("USER").build());
		}

	}

	@RestController
	static class SecuredController {

		private final SecuredFlow flow;

		SecuredController(SecuredFlow flow) {
			this.flow = flow;
		}

		@PostMapping("/chat")
		String chat(@RequestBody String message) {
			return this.flow.answer(message);
		}

	}

	@Component
	static class SecuredFlow {

		@LlmChain
		public String answer(String message) {
			return "secured answer";
		}

	}

}
