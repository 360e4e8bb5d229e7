package dev.llmobs.export.transport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import io.micrometer.core.ipc.http.HttpSender;

/**
 * The Micrometer {@link HttpSender} of OTLP metrics, on the JDK's {@link HttpClient}:
 * HTTP/1.1 to {@code http://} endpoints, never an {@code h2c} upgrade (which servers
 * refuse on a POST with a body); ALPN's choice on {@code https://}.
 */
public final class OtlpMetricsHttpSender implements HttpSender {

	private final HttpClient client;

	private final Duration timeout;

	/**
	 * Creates the sender.
	 * @param endpoint the metrics endpoint, which chooses the HTTP version
	 * @param connectTimeout the connect timeout
	 * @param timeout the whole request's timeout
	 * @param sslContext the TLS context, or {@code null} for the JDK's default
	 * @param sslParameters the TLS parameters, or {@code null}
	 */
	public OtlpMetricsHttpSender(URI endpoint, Duration connectTimeout, Duration timeout, SSLContext sslContext,
			SSLParameters sslParameters) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(OtlpHttpSender.versionFor(endpoint))
			.connectTimeout(connectTimeout);
		if (sslContext != null) {
			builder.sslContext(sslContext);
		}
		if (sslParameters != null) {
			builder.sslParameters(sslParameters);
		}
		this.client = builder.build();
		this.timeout = timeout;
	}

	@Override
	public Response send(Request request) throws IOException {
		HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(request.getUrl().toString()))
			.timeout(this.timeout)
			.method(request.getMethod().name(), HttpRequest.BodyPublishers.ofByteArray(request.getEntity()));
		request.getRequestHeaders().forEach(http::header);
		try {
			HttpResponse<String> response = this.client.send(http.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("OTLP metrics export interrupted", ex);
		}
	}

}
