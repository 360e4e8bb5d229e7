package dev.llmobs.autoconfigure;

import java.net.URI;

import javax.net.ssl.SSLParameters;

import io.micrometer.core.instrument.Clock;
import io.micrometer.registry.otlp.OtlpHttpMetricsSender;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.micrometer.registry.otlp.OtlpMetricsSender;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.ConditionalOnEnabledMetricsExport;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.otlp.OtlpMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.otlp.OtlpMetricsProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.util.StringUtils;

import dev.llmobs.export.transport.OtlpMetricsHttpSender;

/**
 * Boot's OTLP metrics registry sends with an HTTP/1.1-on-cleartext sender, as the span
 * and log exporters do: Boot's own JDK sender asks cleartext servers for an {@code h2c}
 * upgrade, which many refuse. Backs off when the application declares its own
 * {@link OtlpMetricsSender}.
 */
@AutoConfiguration(before = OtlpMetricsExportAutoConfiguration.class, after = MetricsAutoConfiguration.class)
@ConditionalOnClass({ OtlpMeterRegistry.class, OtlpMetricsExportAutoConfiguration.class })
@ConditionalOnBean(Clock.class)
@ConditionalOnEnabledMetricsExport("otlp")
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OtlpMetricsProperties.class)
public final class LlmObsOtlpMetricsTransportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(OtlpMetricsSender.class)
	OtlpHttpMetricsSender llmObsOtlpMetricsSender(OtlpMetricsProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		SslBundle bundle = StringUtils.hasLength(properties.getSsl().getBundle())
				? sslBundles.getObject().getBundle(properties.getSsl().getBundle()) : null;
		SSLParameters parameters = null;
		if (bundle != null) {
			parameters = new SSLParameters();
			parameters.setCipherSuites(bundle.getOptions().getCiphers());
			parameters.setProtocols(bundle.getOptions().getEnabledProtocols());
		}
		String url = (properties.getUrl() != null) ? properties.getUrl() : "http://localhost:4318/v1/metrics";
		return new OtlpHttpMetricsSender(new OtlpMetricsHttpSender(URI.create(url), properties.getConnectTimeout(),
				properties.getConnectTimeout().plus(properties.getReadTimeout()),
				(bundle != null) ? bundle.createSslContext() : null, parameters));
	}

}
