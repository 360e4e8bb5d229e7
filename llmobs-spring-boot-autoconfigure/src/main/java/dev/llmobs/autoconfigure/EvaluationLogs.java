package dev.llmobs.autoconfigure;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Whether evaluation results are also emitted as {@code gen_ai.evaluation.result} log
 * records. They are, unless the records would go nowhere: the logs come from Spring
 * Boot's own logger provider, whose only processor is Boot's batch processor, and there
 * is no {@link LogRecordExporter} bean (no OTLP log export is configured) and no
 * customizer of the provider. Building, batching and dropping them would only cost CPU:
 * about 5 µs per request with the sample's three evaluators (BENCHMARKS.md, issue 24,
 * fifth pass). With anything else (a log exporter, a processor or customizer of the
 * application's own, an {@link OpenTelemetry} not built by Boot, such as the Java
 * agent's) they are emitted. Decided once, at startup.
 */
final class EvaluationLogs {

	/** The bean names Spring Boot's OpenTelemetry logging auto-configuration uses. */
	static final String BOOT_LOGGER_PROVIDER = "openTelemetrySdkLoggerProvider";

	static final String BOOT_BATCH_PROCESSOR = "openTelemetryBatchLogRecordProcessor";

	private static final String BOOT_CUSTOMIZER = "org.springframework.boot.opentelemetry.autoconfigure.logging.SdkLoggerProviderBuilderCustomizer";

	private EvaluationLogs() {
	}

	/**
	 * The logger evaluation results are emitted with.
	 * @param openTelemetry the OpenTelemetry in use
	 * @param beans the application's beans
	 * @param instrumentationName the logger's name
	 * @return the logger, or {@code null} when the records would go nowhere
	 */
	static Logger logger(OpenTelemetry openTelemetry, ListableBeanFactory beans, String instrumentationName) {
		return goNowhere(openTelemetry, beans) ? null : openTelemetry.getLogsBridge().get(instrumentationName);
	}

	static boolean goNowhere(OpenTelemetry openTelemetry, ListableBeanFactory beans) {
		if (!(openTelemetry instanceof OpenTelemetrySdk sdk) || !beans.containsBean(BOOT_LOGGER_PROVIDER)
				|| sdk.getSdkLoggerProvider() != beans.getBean(BOOT_LOGGER_PROVIDER)) {
			return false;
		}
		if (beans.getBeanNamesForType(LogRecordExporter.class).length > 0) {
			return false;
		}
		String[] processors = beans.getBeanNamesForType(LogRecordProcessor.class);
		if (processors.length != 1 || !processors[0].equals(BOOT_BATCH_PROCESSOR)) {
			return false;
		}
		ClassLoader classLoader = EvaluationLogs.class.getClassLoader();
		return !ClassUtils.isPresent(BOOT_CUSTOMIZER, classLoader)
				|| beans.getBeanNamesForType(ClassUtils.resolveClassName(BOOT_CUSTOMIZER, classLoader)).length == 0;
	}

}
