package dev.llmobs.autoconfigure;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

import dev.llmobs.LlmObsRegistration;
import dev.llmobs.LlmObservability;
import dev.llmobs.aop.CompletionStageReturnValueHandler;
import dev.llmobs.aop.InvocationContextBinder;
import dev.llmobs.aop.InvocationProcessor;
import dev.llmobs.aop.ReactorReturnValueHandler;
import dev.llmobs.aop.ReturnValueHandler;
import dev.llmobs.aop.ReturnValueHandlers;
import dev.llmobs.aop.SpanAnnotationAdvisor;
import dev.llmobs.aop.SpanDescriptorResolver;
import dev.llmobs.aop.StreamReturnValueHandler;
import dev.llmobs.aop.TracingInvocationProcessor;
import dev.llmobs.aop.UnadvisableMethodReporter;
import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.CaptureOptions;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.capture.Redactor;
import dev.llmobs.context.ContextStampingSpanProcessor;
import dev.llmobs.eval.EvaluationExecutors;
import dev.llmobs.eval.EvaluationListener;
import dev.llmobs.eval.EvaluationRecorder;
import dev.llmobs.eval.EvaluationRunner;
import dev.llmobs.eval.Evaluator;
import dev.llmobs.eval.EvaluatorDefinition;
import dev.llmobs.eval.EvaluatorRegistry;
import dev.llmobs.eval.JudgeClient;
import dev.llmobs.feedback.FeedbackRecorder;
import dev.llmobs.json.LlmObsJson;
import dev.llmobs.llm.LlmCallListener;
import dev.llmobs.llm.ModelPrice;
import dev.llmobs.llm.PricingTable;
import dev.llmobs.llm.UsageExtractor;
import dev.llmobs.llm.UsageExtractors;
import dev.llmobs.trace.Convention;
import dev.llmobs.trace.LlmCallRecorder;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.OperationListener;
import dev.llmobs.trace.convention.GenAiLatestConvention;
import dev.llmobs.trace.convention.LlmSpanConvention;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.trace.document.DocumentExtractor;
import dev.llmobs.trace.document.DocumentMapper;

/**
 * Auto-configuration of LLM tracing: a static-pointcut advisor on the span annotations,
 * the invocation processor behind it, content capture, and the startup report. Spans go
 * through the application's own OpenTelemetry tracer provider, so Boot's sampling,
 * resource, exporter and propagation settings apply.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnClass(value = OpenTelemetry.class, name = "org.aspectj.weaver.Advice")
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LlmObsProperties.class)
public final class LlmObsAutoConfiguration {

	private static final String INSTRUMENTATION_NAME = "dev.llmobs";

	/** The name of the starter's own JSON mapper bean. */
	public static final String JSON_MAPPER = "llmObsJsonMapper";

	/** The name of the content capture of inputs and outputs. */
	public static final String CONTENT_CAPTURE = "llmObsContentCapture";

	/** The name of the content capture of retrieved documents. */
	public static final String DOCUMENT_CONTENT_CAPTURE = "llmObsDocumentContentCapture";

	/**
	 * The starter's own JSON mapper, by name: not a default candidate, so it is never
	 * injected where the application asks for a {@code JsonMapper} and never takes the
	 * place of Boot's.
	 */
	@Bean(name = JSON_MAPPER, defaultCandidate = false)
	JsonMapper llmObsJsonMapper() {
		return LlmObsJson.mapper();
	}

	@Bean
	@ConditionalOnMissingBean
	LlmSpanTracer llmObsSpanTracer(ObjectProvider<OpenTelemetry> openTelemetry, LlmSpanWriter writer,
			ObjectProvider<OperationListener> operations, ObjectProvider<EvaluationRunner> evaluations) {
		OpenTelemetry otel = openTelemetry.getIfAvailable(GlobalOpenTelemetry::get);
		return new LlmSpanTracer(otel.getTracer(INSTRUMENTATION_NAME), writer,
				OperationListener.composite(operations.orderedStream().toList()), evaluations.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	LlmSpanWriter llmObsSpanWriter(@Qualifier(CONTENT_CAPTURE) ContentCapture content,
			@Qualifier(DOCUMENT_CONTENT_CAPTURE) ContentCapture documentContent, DocumentExtractor documents,
			LlmSpanConventions conventions, ObjectProvider<SpanLimits> spanLimits, LlmCallRecorder llmCalls) {
		int maxAttributes = spanLimits.getIfAvailable(SpanLimits::getDefault).getMaxNumberOfAttributes();
		return new LlmSpanWriter(content, documentContent, documents, conventions, maxAttributes, llmCalls);
	}

	@Bean
	@ConditionalOnMissingBean
	Redactor llmObsRedactor(LlmObsProperties properties) {
		return redactor(properties.getCapture());
	}

	@Bean(CONTENT_CAPTURE)
	@ConditionalOnMissingBean(name = CONTENT_CAPTURE)
	ContentCapture llmObsContentCapture(LlmObsProperties properties, Redactor redactor,
			ObjectProvider<CaptureListener> captureListener) {
		LlmObsProperties.Capture capture = properties.getCapture();
		return new ContentCapture(new CaptureOptions(capture.getMode(), capture.getMaxLength(), redactor),
				CompositeListeners.capture(captureListener));
	}

	@Bean(DOCUMENT_CONTENT_CAPTURE)
	@ConditionalOnMissingBean(name = DOCUMENT_CONTENT_CAPTURE)
	ContentCapture llmObsDocumentContentCapture(LlmObsProperties properties, Redactor redactor,
			ObjectProvider<CaptureListener> captureListener) {
		LlmObsProperties.Capture capture = properties.getCapture();
		return new ContentCapture(new CaptureOptions(capture.getMode(), capture.getMaxDocumentLength(), redactor),
				CompositeListeners.capture(captureListener));
	}

	/**
	 * The document extractor: the application's {@link DocumentMapper} beans come first,
	 * the framework integrations' (declared by their auto-configurations, so registered
	 * after the application's beans) next, in {@code @Order}.
	 */
	@Bean
	@ConditionalOnMissingBean
	DocumentExtractor llmObsDocumentExtractor(LlmObsProperties properties,
			ObjectProvider<DocumentMapper> documentMappers) {
		return new DocumentExtractor(documentMappers.orderedStream().toList(),
				properties.getCapture().getMaxDocuments());
	}

	/**
	 * The usage extractors: the application's {@link UsageExtractor} beans first, the
	 * framework integrations' next, in {@code @Order}.
	 */
	@Bean
	@ConditionalOnMissingBean
	UsageExtractors llmObsUsageExtractors(ObjectProvider<UsageExtractor> extractors) {
		return new UsageExtractors(extractors.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	LlmSpanConventions llmObsSpanConventions(LlmObsProperties properties, Environment environment,
			ObjectProvider<LlmSpanConvention> custom) {
		return LlmSpanConventions.of(selectedConventions(properties, environment), custom.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	LlmCallRecorder llmObsLlmCallRecorder(LlmObsProperties properties, UsageExtractors extractors,
			ObjectProvider<LlmCallListener> listener, LlmSpanConventions conventions) {
		Map<String, ModelPrice> overrides = new HashMap<>();
		properties.getPricing()
			.getModels()
			.forEach((model, price) -> overrides.put(model, new ModelPrice(price.getInputPerMillion(),
					price.getOutputPerMillion(), price.getCachedInputPerMillion())));
		return new LlmCallRecorder(extractors, new PricingTable(overrides),
				LlmCallListener.composite(listener.orderedStream().toList()), conventions);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "llmobs.evaluation.enabled", matchIfMissing = true)
	EvaluatorRegistry llmObsEvaluatorRegistry(LlmObsProperties properties, ObjectProvider<Evaluator> evaluatorBeans,
			ObjectProvider<JudgeClient> judgeClients, ListableBeanFactory beanFactory) {
		List<EvaluatorDefinition> declared = properties.getEvaluation()
			.getEvaluators()
			.entrySet()
			.stream()
			.map((entry) -> entry.getValue().toDefinition(entry.getKey()))
			.toList();
		return EvaluatorRegistry.of(declared, evaluatorBeans.orderedStream().toList(),
				JudgeClients.lazy(judgeClients, beanFactory));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "llmobs.evaluation.enabled", matchIfMissing = true)
	EvaluationRunner llmObsEvaluationRunner(LlmObsProperties properties, EvaluatorRegistry registry,
			ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<EvaluationListener> listener,
			LlmSpanConventions conventions, Redactor redactor, ObjectProvider<CaptureListener> captureListener,
			ListableBeanFactory beanFactory) {
		LlmObsProperties.Evaluation evaluation = properties.getEvaluation();
		EvaluationListener evaluationListener = EvaluationListener.composite(listener.orderedStream().toList());
		OpenTelemetry otel = openTelemetry.getIfAvailable(GlobalOpenTelemetry::get);
		EvaluationRunner runner = new EvaluationRunner(registry.evaluators(),
				new EvaluationRecorder(otel.getTracer(INSTRUMENTATION_NAME), evaluationListener,
						EvaluationLogs.logger(otel, beanFactory, INSTRUMENTATION_NAME), conventions,
						explanationRedaction(redactor, captureListener)),
				evaluationListener, EvaluationExecutors.queue(evaluation.getThreads(), evaluation.getQueueCapacity()),
				EvaluationExecutors.workers(evaluation.getThreads()), evaluation.getTimeout(),
				evaluation.getSampleRate(), registry.disabled(), evaluation.isBuiltInsInBackground());
		return runner;
	}

	@Bean
	@ConditionalOnMissingBean
	SpanDescriptorResolver llmObsSpanDescriptorResolver(LlmObsProperties properties, LlmSpanConventions conventions) {
		return new SpanDescriptorResolver(conventions, properties.getCapture().isInputs(),
				properties.getCapture().isOutputs());
	}

	@Bean
	@ConditionalOnMissingBean
	ReturnValueHandlers llmObsReturnValueHandlers(ObjectProvider<ReturnValueHandler> handlers) {
		List<ReturnValueHandler> all = new ArrayList<>(handlers.orderedStream().toList());
		all.add(new CompletionStageReturnValueHandler());
		all.add(new StreamReturnValueHandler());
		return new ReturnValueHandlers(all);
	}

	@Bean
	@ConditionalOnMissingBean
	InvocationProcessor llmObsInvocationProcessor(SpanDescriptorResolver descriptors, LlmSpanTracer tracer,
			ReturnValueHandlers returnValueHandlers, ObjectProvider<InvocationContextBinder> contextBinders) {
		return new TracingInvocationProcessor(descriptors, tracer, returnValueHandlers,
				contextBinders.orderedStream().toList());
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static SpanAnnotationAdvisor llmObsSpanAnnotationAdvisor(ObjectProvider<InvocationProcessor> processor,
			Environment environment) {
		int order = environment.getProperty("llmobs.order", Integer.class,
				org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
		return new SpanAnnotationAdvisor(processor::getObject, order);
	}

	@Bean
	static UnadvisableMethodReporter llmObsUnadvisableMethodReporter() {
		return new UnadvisableMethodReporter();
	}

	@Bean
	@ConditionalOnMissingBean
	ContextStampingSpanProcessor llmObsContextStampingSpanProcessor(Redactor redactor,
			ObjectProvider<CaptureListener> captureListener) {
		if (redactor == Redactor.none()) {
			return new ContextStampingSpanProcessor();
		}
		CaptureListener listener = CompositeListeners.capture(captureListener);
		return new ContextStampingSpanProcessor((json) -> redactor.redact(json, listener));
	}

	@Bean
	@ConditionalOnMissingBean
	LlmObservability llmObservability(ObjectProvider<SdkTracerProvider> tracerProvider, LlmCallRecorder llmCalls,
			ObjectProvider<EvaluationRunner> evaluations, ObjectProvider<FeedbackRecorder> feedback) {
		return new LlmObservability(tracerProvider.getIfAvailable(), llmCalls, evaluations.getIfAvailable(),
				feedback.getIfAvailable());
	}

	@Bean
	static LlmObsRegistration llmObsRegistration(ObjectProvider<LlmObservability> instance) {
		return new LlmObsRegistration(instance::getIfAvailable);
	}

	@Bean
	LlmObsStartupReport llmObsStartupReport(LlmObsProperties properties, Environment environment) {
		return new LlmObsStartupReport(properties, environment);
	}

	/**
	 * The conventions selected by {@code llmobs.conventions}, with {@code gen-ai}
	 * upgraded to {@code gen-ai-latest} when {@code OTEL_SEMCONV_STABILITY_OPT_IN} (or
	 * {@code otel.semconv-stability.opt-in}) contains {@code gen_ai_latest_experimental}.
	 */
	static Set<Convention> selectedConventions(LlmObsProperties properties, Environment environment) {
		Set<Convention> selected = EnumSet.noneOf(Convention.class);
		selected.addAll(properties.getConventions());
		if (selected.contains(Convention.GEN_AI) && latestGenAiOptIn(environment)) {
			selected.remove(Convention.GEN_AI);
			selected.add(Convention.GEN_AI_LATEST);
		}
		return selected;
	}

	private static boolean latestGenAiOptIn(Environment environment) {
		String optIn = environment.getProperty("OTEL_SEMCONV_STABILITY_OPT_IN",
				environment.getProperty("otel.semconv-stability.opt-in", ""));
		for (String value : optIn.split(",")) {
			if (GenAiLatestConvention.OPT_IN.equals(value.trim())) {
				return true;
			}
		}
		return false;
	}

	private static UnaryOperator<String> explanationRedaction(Redactor redactor,
			ObjectProvider<CaptureListener> captureListener) {
		if (redactor == Redactor.none()) {
			return UnaryOperator.identity();
		}
		CaptureListener listener = CompositeListeners.capture(captureListener);
		return (text) -> redactor.redact(text, listener);
	}

	static Redactor redactor(LlmObsProperties.Capture capture) {
		Set<RedactionKind> kinds = EnumSet.noneOf(RedactionKind.class);
		kinds.addAll(capture.getRedact());
		return Redactor.of(kinds, capture.getRedactPatterns());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Flux.class)
	static class ReactorConfiguration {

		@Bean
		ReactorReturnValueHandler llmObsReactorReturnValueHandler() {
			return new ReactorReturnValueHandler();
		}

	}

}
