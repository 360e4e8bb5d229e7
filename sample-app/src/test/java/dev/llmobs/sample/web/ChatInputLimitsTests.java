package dev.llmobs.sample.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ChatInputLimitsTests {

	private static final int FIVE_MEGABYTES = 5 * 1024 * 1024;

	private final ChatInputLimits limits = new ChatInputLimits();

	@Test
	void bodyDeclaredLargerThanTheLimitIsRefusedWithoutReadingAByte() throws Exception {
		CountingBody body = new CountingBody(FIVE_MEGABYTES);
		MockHttpServletRequest request = post(body, FIVE_MEGABYTES);
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.limits.doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentAsString()).contains("\"error\":\"request_too_large\"")
			.contains("at most 32768 bytes")
			.contains("\"maxMessageChars\":4000");
		assertThat(chain.getRequest()).as("nothing downstream ran").isNull();
		assertThat(body.read).isZero();
	}

	@Test
	void chunkedBodyIsReadOnlyUntilItPassesTheLimit() throws Exception {
		CountingBody body = new CountingBody(FIVE_MEGABYTES);
		MockHttpServletRequest request = post(body, -1);
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.limits.doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(chain.getRequest()).isNull();
		assertThat(body.read).isLessThanOrEqualTo(ChatInputLimits.MAX_BODY_BYTES + 1);
	}

	@Test
	void bodyWithinTheLimitReachesTheControllerWhole() throws Exception {
		String json = "{\"message\":\"" + "a".repeat(ChatInputLimits.MAX_MESSAGE_CHARS) + "\"}";
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/chat");
		request.setContent(json.getBytes(StandardCharsets.UTF_8));
		MockFilterChain chain = new MockFilterChain();
		this.limits.doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isNotNull();
		assertThat(new String(chain.getRequest().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
			.isEqualTo(json);
		assertThat(chain.getRequest().getContentLength()).isEqualTo(json.length());
	}

	private static MockHttpServletRequest post(CountingBody body, long declaredLength) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/chat") {

			@Override
			public ServletInputStream getInputStream() {
				return body;
			}

			@Override
			public long getContentLengthLong() {
				return declaredLength;
			}

		};
		request.setContentType("application/json");
		return request;
	}

	/**
	 * A body of {@code size} bytes, generated as it is read, that counts what was read.
	 */
	static final class CountingBody extends ServletInputStream {

		private final long size;

		long read;

		CountingBody(long size) {
			this.size = size;
		}

		@Override
		public int read() {
			if (this.read >= this.size) {
				return -1;
			}
			this.read++;
			return 'a';
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.read >= this.size) {
				return -1;
			}
			int n = (int) Math.min(length, this.size - this.read);
			java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'a');
			this.read += n;
			return n;
		}

		@Override
		public boolean isFinished() {
			return this.read >= this.size;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
		}

	}

}
