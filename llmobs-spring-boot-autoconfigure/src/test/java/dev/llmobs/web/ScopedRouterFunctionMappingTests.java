package dev.llmobs.web;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ScopedRouterFunctionMappingTests {

	private final AtomicInteger asked = new AtomicInteger();

	private final RouterFunction<ServerResponse> viewer = RouterFunctions.route()
		.GET("/llmobs", (request) -> ServerResponse.ok().body("page"))
		.GET("/llmobs/api/traces", (request) -> ServerResponse.ok().body("[]"))
		.build();

	private ScopedRouterFunctionMapping mapping(String path) {
		RouterFunction<ServerResponse> counting = new RouterFunction<>() {
			@Override
			public Optional<HandlerFunction<ServerResponse>> route(ServerRequest request) {
				ScopedRouterFunctionMappingTests.this.asked.incrementAndGet();
				return ScopedRouterFunctionMappingTests.this.viewer.route(request);
			}
		};
		ScopedRouterFunctionMapping mapping = new ScopedRouterFunctionMapping(path, counting, null, List.of());
		mapping.afterPropertiesSet();
		return mapping;
	}

	private HandlerExecutionChain handler(ScopedRouterFunctionMapping mapping, String contextPath, String uri)
			throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		request.setContextPath(contextPath);
		return mapping.getHandler(request);
	}

	@Test
	void requestsElsewhereAreNotShownToTheRoutes() throws Exception {
		ScopedRouterFunctionMapping mapping = mapping("/llmobs");
		assertThat(handler(mapping, "", "/chat")).isNull();
		assertThat(handler(mapping, "", "/llmobsx/api/traces")).isNull();
		assertThat(handler(mapping, "", "/")).isNull();
		assertThat(this.asked).hasValue(0);
	}

	@Test
	void requestsUnderThePathAreRouted() throws Exception {
		ScopedRouterFunctionMapping mapping = mapping("/llmobs/");
		assertThat(handler(mapping, "", "/llmobs")).isNotNull();
		assertThat(handler(mapping, "", "/llmobs/api/traces")).isNotNull();
		assertThat(handler(mapping, "", "/llmobs/unknown")).isNull();
		assertThat(this.asked).hasValue(3);
		assertThat(mapping.path()).isEqualTo("/llmobs");
	}

	@Test
	void theContextPathIsNotPartOfTheRoutesPath() throws Exception {
		ScopedRouterFunctionMapping mapping = mapping("/llmobs");
		assertThat(handler(mapping, "/app", "/app/llmobs/api/traces")).isNotNull();
		assertThat(handler(mapping, "/app", "/app/chat")).isNull();
		assertThat(this.asked).hasValue(1);
	}

	@Test
	void pathsTheCheckCannotReadPlainlyAreLeftToTheRoutes() throws Exception {
		ScopedRouterFunctionMapping mapping = mapping("/llmobs");
		// the routes decode each segment, so this is the viewer's API as before
		assertThat(handler(mapping, "", "/llm%6Fbs/api/traces")).isNotNull();
		assertThat(handler(mapping, "", "/llmobs;v=1/api/traces")).isNotNull();
		assertThat(handler(mapping, "", "/chat%20room")).isNull();
		assertThat(this.asked).hasValue(3);
	}

	@Test
	void aRootPathShowsEveryRequestToTheRoutes() throws Exception {
		ScopedRouterFunctionMapping mapping = mapping("/");
		assertThat(handler(mapping, "", "/chat")).isNull();
		assertThat(this.asked).hasValue(1);
	}

}
