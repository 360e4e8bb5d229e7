package dev.llmobs.export.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import javax.net.ssl.SSLException;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;

/**
 * An OpenTelemetry {@link HttpSender} on the JDK's {@link HttpClient} that speaks
 * HTTP/1.1 to {@code http://} endpoints. The JDK client's default, HTTP/2, asks a
 * cleartext server for an {@code h2c} upgrade on every request ({@code Connection:
 * Upgrade, HTTP2-Settings}), and many OTLP receivers and proxies answer such a POST with
 * {@code 400}. On {@code https://} the client offers HTTP/2 and HTTP/1.1 through ALPN and
 * the server chooses. Retries follow the exporter's {@link RetryPolicy} as
 * OpenTelemetry's own senders do: {@code 429}, {@code 502}, {@code 503}, {@code 504} and
 * transient I/O failures, with jittered exponential backoff, within the export timeout.
 */
final class OtlpHttpSender implements HttpSender {

	private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 502, 503, 504);

	private final HttpClient client;

	private final URI endpoint;

	private final String contentType;

	private final HttpSenderConfig config;

	private final ExecutorService executor;

	private final boolean ownsExecutor;

	OtlpHttpSender(HttpSenderConfig config) {
		this.config = config;
		this.endpoint = config.getEndpoint();
		this.contentType = config.getContentType();
		this.client = buildClient(config);
		ExecutorService given = config.getExecutorService();
		this.ownsExecutor = given == null;
		this.executor = (given != null) ? given : newExecutor();
	}

	/**
	 * The HTTP version the client asks for: HTTP/1.1 on cleartext, ALPN's choice on TLS.
	 * @param endpoint the endpoint
	 * @return the version
	 */
	static HttpClient.Version versionFor(URI endpoint) {
		return "http".equalsIgnoreCase(endpoint.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2;
	}

	private static HttpClient buildClient(HttpSenderConfig config) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(versionFor(config.getEndpoint()))
			.connectTimeout(config.getConnectTimeout());
		if (config.getSslContext() != null) {
			builder.sslContext(config.getSslContext());
		}
		if (config.getProxyOptions() != null) {
			builder.proxy(config.getProxyOptions().getProxySelector());
		}
		return builder.build();
	}

	private static ExecutorService newExecutor() {
		return new ThreadPoolExecutor(0, Math.max(Runtime.getRuntime().availableProcessors(), 5), 60, TimeUnit.SECONDS,
				new SynchronousQueue<>(), (task) -> {
					Thread thread = new Thread(task, "llmobs-otlp-http");
					thread.setDaemon(true);
					return thread;
				});
	}

	@Override
	public void send(MessageWriter messageWriter, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
		try {
			CompletableFuture.supplyAsync(() -> {
				try {
					return sendWithRetries(body(messageWriter));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}, this.executor).whenComplete((response, failure) -> {
				if (failure != null) {
					onError.accept(failure);
				}
				else {
					onResponse.accept(response);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			onError.accept(ex);
		}
	}

	private byte[] body(MessageWriter messageWriter) throws IOException {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.max(messageWriter.getContentLength(), 32));
		if (this.config.getCompressor() != null) {
			try (OutputStream compressed = this.config.getCompressor().compress(buffer)) {
				messageWriter.writeMessage(compressed);
			}
		}
		else {
			messageWriter.writeMessage(buffer);
		}
		return buffer.toByteArray();
	}

	private HttpRequest request(byte[] body, Duration timeout) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint)
			.timeout(timeout)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		Map<String, List<String>> headers = this.config.getHeadersSupplier().get();
		if (headers != null) {
			headers.forEach((name, values) -> values.forEach((value) -> request.header(name, value)));
		}
		request.header("Content-Type", this.contentType);
		request.header("Accept-Encoding", "gzip, identity");
		if (this.config.getCompressor() != null) {
			request.header("Content-Encoding", this.config.getCompressor().getEncoding());
		}
		return request.build();
	}

	private HttpResponse sendWithRetries(byte[] body) throws IOException {
		long start = System.nanoTime();
		Duration timeout = this.config.getTimeout();
		RetryPolicy policy = this.config.getRetryPolicy();
		int maxAttempts = (policy != null) ? policy.getMaxAttempts() : 1;
		Predicate<IOException> retryable = (policy != null && policy.getRetryExceptionPredicate() != null)
				? policy.getRetryExceptionPredicate() : OtlpHttpSender::isTransient;
		long backoff = (policy != null) ? policy.getInitialBackoff().toNanos() : 0;
		HttpResponse response = null;
		IOException failure = null;
		for (int attempt = 0; attempt < maxAttempts; attempt++) {
			if (attempt > 0) {
				long current = Math.min(backoff, policy.getMaxBackoff().toNanos());
				backoff = (long) (current * policy.getBackoffMultiplier());
				if (!pause((long) (ThreadLocalRandom.current().nextDouble(0.8, 1.2) * current))
						|| System.nanoTime() - start >= timeout.toNanos()) {
					break;
				}
			}
			response = null;
			failure = null;
			try {
				Duration left = timeout.minusNanos(System.nanoTime() - start);
				response = exchange(request(body, left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left));
				if (!RETRYABLE_STATUS.contains(response.getStatusCode())) {
					return response;
				}
			}
			catch (IOException ex) {
				failure = ex;
				if (!retryable.test(ex)) {
					throw ex;
				}
			}
		}
		if (response != null) {
			return response;
		}
		throw (failure != null) ? failure : new IOException("OTLP export was interrupted before it was sent");
	}

	private static boolean pause(long nanos) {
		try {
			TimeUnit.NANOSECONDS.sleep(nanos);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private HttpResponse exchange(HttpRequest request) throws IOException {
		try {
			java.net.http.HttpResponse<InputStream> response = this.client.send(request, BodyHandlers.ofInputStream());
			return new ReceivedResponse(response.statusCode(), readBody(response));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("OTLP export interrupted", ex);
		}
	}

	/** Reads the response body up to the configured limit; the rest is discarded. */
	private byte[] readBody(java.net.http.HttpResponse<InputStream> response) throws IOException {
		long limit = this.config.getMaxResponseBodySize();
		boolean gzip = response.headers().firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false);
		try (InputStream raw = response.body(); InputStream body = gzip ? new GZIPInputStream(raw) : raw) {
			byte[] bytes = body.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
			return bytes;
		}
	}

	private static boolean isTransient(IOException failure) {
		return !(failure instanceof SSLException);
	}

	@Override
	public CompletableResultCode shutdown() {
		if (this.ownsExecutor) {
			this.executor.shutdown();
		}
		if (this.client instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				return CompletableResultCode.ofFailure();
			}
		}
		return CompletableResultCode.ofSuccess();
	}

	private record ReceivedResponse(int status, byte[] body) implements HttpResponse {

		@Override
		public int getStatusCode() {
			return this.status;
		}

		@Override
		public String getStatusMessage() {
			return String.valueOf(this.status);
		}

		@Override
		public byte[] getResponseBody() {
			return this.body;
		}

	}

}
