package dev.llmobs.viewer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class LocalAccessFilterTests {

	private final LocalAccessFilter filter = new LocalAccessFilter(false, "The llmobs trace viewer",
			LocalAccessFilter.viewerHeaders());

	private static MockHttpServletRequest request(String remoteAddress) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/llmobs/api/traces");
		request.setRemoteAddr(remoteAddress);
		return request;
	}

	private static MockHttpServletResponse run(LocalAccessFilter filter, MockHttpServletRequest request,
			MockFilterChain chain) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, chain);
		return response;
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.0.1.1", "0:0:0:0:0:0:0:1", "::1", "[::1]" })
	void loopbackRequestIsAnswered(String address) throws Exception {
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = run(this.filter, request(address), chain);
		assertThat(chain.getRequest()).isNotNull();
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "203.0.113.9", "192.168.1.20", "10.0.0.1", "2001:db8::1", "localhost.example.com", "" })
	void remoteRequestIsRefusedWith403NamingTheProperty(String address) throws Exception {
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = run(this.filter, request(address), chain);
		assertThat(chain.getRequest()).as("the page is not served").isNull();
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentType()).startsWith("application/json");
		assertThat(response.getContentAsString()).contains("llmobs.viewer.allow-remote=true")
			.contains("The llmobs trace viewer answers only local requests");
	}

	@Test
	void remoteRequestIsAnsweredWhenRemoteAccessIsAllowed() throws Exception {
		LocalAccessFilter allowing = new LocalAccessFilter(true, "The llmobs trace viewer",
				LocalAccessFilter.viewerHeaders());
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = run(allowing, request("203.0.113.9"), chain);
		assertThat(chain.getRequest()).isNotNull();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(LocalAccessFilter.CONTENT_SECURITY_POLICY);
	}

	@Test
	void theFeedbackEndpointUnderTheViewerPathIsOpenToTheApplicationsFrontEnd() throws Exception {
		LocalAccessFilter filter = new LocalAccessFilter(false, "The llmobs trace viewer",
				LocalAccessFilter.viewerHeaders(), java.util.Set.of("/llmobs/feedback"));
		MockHttpServletRequest feedback = request("203.0.113.9");
		feedback.setRequestURI("/llmobs/feedback");
		MockFilterChain chain = new MockFilterChain();
		run(filter, feedback, chain);
		assertThat(chain.getRequest()).isNotNull();
		MockHttpServletRequest page = request("203.0.113.9");
		page.setRequestURI("/llmobs/api/traces");
		assertThat(run(filter, page, new MockFilterChain()).getStatus()).isEqualTo(403);
	}

	@Test
	void remoteRequestAuthenticatedByTheApplicationIsAnswered() throws Exception {
		MockHttpServletRequest request = request("203.0.113.9");
		request.setUserPrincipal(() -> "ops-admin");
		MockFilterChain chain = new MockFilterChain();
		run(this.filter, request, chain);
		assertThat(chain.getRequest()).isNotNull();
	}

	@Test
	void requestForwardedByALocalProxyForARemoteClientIsRefused() throws Exception {
		MockHttpServletRequest forwarded = request("127.0.0.1");
		forwarded.addHeader("X-Forwarded-For", "203.0.113.9, 127.0.0.1");
		assertThat(run(this.filter, forwarded, new MockFilterChain()).getStatus()).isEqualTo(403);
		MockHttpServletRequest rfc7239 = request("127.0.0.1");
		rfc7239.addHeader("Forwarded", "for=\"[2001:db8::1]:4711\";proto=https");
		assertThat(run(this.filter, rfc7239, new MockFilterChain()).getStatus()).isEqualTo(403);
		MockHttpServletRequest local = request("127.0.0.1");
		local.addHeader("Forwarded", "for=127.0.0.1;proto=http");
		assertThat(run(this.filter, local, new MockFilterChain()).getStatus()).isEqualTo(200);
	}

	@Test
	void securityHeadersAreOnAnsweredAndRefusedResponses() throws Exception {
		for (String address : new String[] { "127.0.0.1", "203.0.113.9" }) {
			MockHttpServletResponse response = run(this.filter, request(address), new MockFilterChain());
			assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.getHeader("Content-Security-Policy")).contains("default-src 'none'")
				.contains("script-src 'self'")
				.doesNotContain("unsafe-inline")
				.doesNotContain("unsafe-eval");
			assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
			assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
		}
	}

	@Test
	void hostNamesAreNeverLookedUpAndNeverCountAsLoopback() {
		assertThat(LocalAccessFilter.isLoopback("localhost")).isFalse();
		assertThat(LocalAccessFilter.isLoopback("127.0.0.1")).isTrue();
		assertThat(LocalAccessFilter.isLoopback(null)).isFalse();
	}

}
