package dev.llmobs.export.transport;

import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;

/**
 * Creates the starter's {@link OtlpHttpSender}: HTTP/1.1 to cleartext endpoints, ALPN on
 * TLS. Selected for Boot's OTLP/HTTP span and log exporters by
 * {@link OtlpSenderComponentLoader}, so other senders on the classpath do not compete.
 */
public final class OtlpHttpSenderProvider implements HttpSenderProvider {

	@Override
	public HttpSender createSender(HttpSenderConfig config) {
		return new OtlpHttpSender(config);
	}

}
