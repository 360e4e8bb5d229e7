package dev.llmobs.sample.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what a chat request may cost before anything parses it: a body larger than
 * {@link #MAX_BODY_BYTES} is refused with {@code 413} and never read whole (a declared
 * {@code Content-Length} over the limit is refused unread; a chunked body is read only
 * until it passes the limit), and a message longer than {@link #MAX_MESSAGE_CHARS} is
 * refused with {@code 400} by the controller. Retrieval, the prompt and the model then
 * only ever see a bounded message.
 */
public final class ChatInputLimits extends OncePerRequestFilter {

	/** The longest message answered, in characters. */
	public static final int MAX_MESSAGE_CHARS = 4_000;

	/**
	 * The largest request body read, in bytes: a message of {@link #MAX_MESSAGE_CHARS}
	 * characters as JSON, with room for multi-byte characters and escapes.
	 */
	public static final int MAX_BODY_BYTES = 32 * 1024;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > MAX_BODY_BYTES) {
			tooLarge(response, declared + " bytes");
			return;
		}
		byte[] body = readAtMost(request.getInputStream(), MAX_BODY_BYTES + 1);
		if (body.length > MAX_BODY_BYTES) {
			tooLarge(response, "more than " + MAX_BODY_BYTES + " bytes");
			return;
		}
		chain.doFilter(new BufferedBodyRequest(request, body), response);
	}

	static byte[] readAtMost(InputStream input, int limit) throws IOException {
		return input.readNBytes(limit);
	}

	private static void tooLarge(HttpServletResponse response, String size) throws IOException {
		// the unread rest of the body is the container's to discard; the connection is
		// closed rather than drained when it is large
		response.setHeader("Connection", "close");
		error(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request_too_large",
				"A chat request body is at most " + MAX_BODY_BYTES + " bytes (a message of at most " + MAX_MESSAGE_CHARS
						+ " characters); this one is " + size + ".");
	}

	static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"status\":" + status + ",\"error\":\"" + code + "\",\"message\":\"" + message
					+ "\",\"maxMessageChars\":" + MAX_MESSAGE_CHARS + "}");
	}

	/** The request with its body already read, within the limit. */
	static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream input = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return input.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return input.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return input.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("blocking reads only");
				}

			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(
					new java.io.InputStreamReader(getInputStream(), (getCharacterEncoding() != null)
							? java.nio.charset.Charset.forName(getCharacterEncoding()) : StandardCharsets.UTF_8));
		}

	}

}
