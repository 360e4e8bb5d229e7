package dev.llmobs.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer's and the feedback endpoint's routes, served by mappings of their own over
 * real HTTP: the application's interceptors and CORS configuration apply to them as to
 * its controllers, and Spring MVC's router-function mapping, which every request passes
 * through, is left with no routes to build a request for.
 */
class OwnRoutesIT {

	private static ConfigurableApplicationContext context;

	private static final HttpClient client = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(OperabilityApp.class, UserWebConfiguration.class)
			.properties("server.port=0", "spring.autoconfigure.exclude=" + SessionsIT.SECURITY,
					"llmobs.viewer.enabled=true", "llmobs.feedback.enabled=true",
					"management.otlp.metrics.export.enabled=false")
			.run();
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(String path) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return URI.create("http://localhost:" + port + path);
	}

	@Test
	void theApplicationsInterceptorsRunForTheViewer() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/llmobs/api/traces")));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("[");
		assertThat(response.headers().firstValue("X-Intercepted")).hasValue("/llmobs/api/traces");
	}

	@Test
	void anEncodedPathStillReachesTheViewer() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/llm%6Fbs/api/traces")));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("[");
	}

	@Test
	void theApplicationsCorsConfigurationAppliesToTheFeedbackEndpoint() throws Exception {
		HttpResponse<String> allowed = send(HttpRequest.newBuilder(uri("/llmobs/feedback"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://front.example")
			.header("Access-Control-Request-Method", "POST"));
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://front.example");
		HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/llmobs/feedback"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://elsewhere.example")
			.header("Access-Control-Request-Method", "POST"));
		assertThat(refused.statusCode()).isEqualTo(403);
	}

	@Test
	void theFeedbackEndpointStillAnswers() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/llmobs/feedback"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"traceId\": \"nope\"}")));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("'name' must be a string");
		assertThat(response.headers().firstValue("X-Intercepted")).hasValue("/llmobs/feedback");
	}

	@Test
	void springMvcsRouterFunctionMappingHasNoRoutesToBuildARequestFor() throws Exception {
		assertThat(context.getBean("routerFunctionMapping", RouterFunctionMapping.class).getRouterFunction()).isNull();
		HttpResponse<String> chat = send(
				HttpRequest.newBuilder(uri("/chat")).POST(HttpRequest.BodyPublishers.ofString("hello")));
		assertThat(chat.statusCode()).isEqualTo(200);
		assertThat(chat.headers().firstValue("X-Intercepted")).hasValue("/chat");
	}

	@Configuration(proxyBeanMethods = false)
	static class UserWebConfiguration implements WebMvcConfigurer {

		@Override
		public void addInterceptors(InterceptorRegistry registry) {
			registry.addInterceptor(new HandlerInterceptor() {
				@Override
				public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
					response.setHeader("X-Intercepted", request.getRequestURI());
					return true;
				}
			});
		}

		@Override
		public void addCorsMappings(CorsRegistry registry) {
			registry.addMapping("/**").allowedOrigins("https://front.example").allowedMethods("GET", "POST");
		}

	}

}
