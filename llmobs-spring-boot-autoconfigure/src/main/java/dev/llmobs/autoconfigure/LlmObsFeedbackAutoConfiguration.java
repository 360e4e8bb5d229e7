package dev.llmobs.autoconfigure;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.llmobs.capture.CaptureMode;
import dev.llmobs.capture.CaptureOptions;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.capture.CaptureListener;
import dev.llmobs.eval.EvaluationListener;
import dev.llmobs.export.KnownTraces;
import dev.llmobs.export.RecentTraceStore;
import dev.llmobs.feedback.FeedbackOptions;
import dev.llmobs.feedback.FeedbackRecorder;
import dev.llmobs.web.FeedbackRoutes;
import dev.llmobs.web.ScopedRouterFunctionMapping;

/**
 * Users' feedback on answers: {@code LlmObs.feedback(...)} always, and the HTTP endpoint
 * when {@code llmobs.feedback.enabled=true}.
 */
@AutoConfiguration(after = LlmObsExportAutoConfiguration.class)
@ConditionalOnClass(SdkTracerProvider.class)
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
@ConditionalOnBean(KnownTraces.class)
@EnableConfigurationProperties(LlmObsProperties.class)
public final class LlmObsFeedbackAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FeedbackRecorder llmObsFeedbackRecorder(LlmObsProperties properties, KnownTraces known,
			ObjectProvider<RecentTraceStore> store, ObjectProvider<OpenTelemetry> openTelemetry,
			ObjectProvider<EvaluationListener> listener, ObjectProvider<CaptureListener> captureListener) {
		LlmObsProperties.Feedback feedback = properties.getFeedback();
		LlmObsProperties.Capture capture = properties.getCapture();
		CaptureMode mode = capture.getMode();
		ContentCapture comments = new ContentCapture(
				new CaptureOptions(mode, feedback.getMaxCommentLength(), LlmObsAutoConfiguration.redactor(capture)),
				CompositeListeners.capture(captureListener));
		Set<String> negative = feedback.getNegativeLabels()
			.stream()
			.map((label) -> label.trim().toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		FeedbackOptions options = new FeedbackOptions(feedback.getMaxCommentLength(), feedback.getMaxNames(),
				feedback.getMaxPerSecond(), feedback.isRequireKnownTrace(), feedback.getPassThreshold(), negative);
		OpenTelemetry otel = openTelemetry.getIfAvailable(GlobalOpenTelemetry::get);
		FeedbackRecorder recorder = new FeedbackRecorder(options, otel.getLogsBridge().get("dev.llmobs"),
				EvaluationListener.composite(listener.orderedStream().toList()), comments::captureText, known,
				store.getIfAvailable(), System::currentTimeMillis);
		return recorder;
	}

	/**
	 * The HTTP endpoint a front end calls.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(RouterFunction.class)
	@ConditionalOnBooleanProperty("llmobs.feedback.enabled")
	static final class FeedbackEndpointConfiguration {

		@Bean
		ScopedRouterFunctionMapping llmObsFeedbackMapping(LlmObsProperties properties, FeedbackRecorder recorder,
				@Qualifier(RouteMappings.MVC_MAPPING) ObjectProvider<RequestMappingHandlerMapping> mvcMapping,
				@Qualifier(RouteMappings.MVC_ADAPTER) ObjectProvider<RequestMappingHandlerAdapter> mvcAdapter) {
			String path = properties.getFeedback().getPath();
			return RouteMappings.scoped(path,
					FeedbackRoutes.routes(path, recorder, properties.getFeedback().getMaxBodyBytes()), mvcMapping,
					mvcAdapter);
		}

	}

}
