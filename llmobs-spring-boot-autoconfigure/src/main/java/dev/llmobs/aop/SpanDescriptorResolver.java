package dev.llmobs.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.llmobs.annotation.Capture;
import dev.llmobs.annotation.Embedding;
import dev.llmobs.annotation.Evaluated;
import dev.llmobs.annotation.LlmPrompt;
import dev.llmobs.annotation.LlmAgent;
import dev.llmobs.annotation.LlmCall;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmTask;
import dev.llmobs.annotation.LlmTool;
import dev.llmobs.annotation.NoCapture;
import dev.llmobs.annotation.RetrievalQuery;
import dev.llmobs.annotation.Retriever;
import dev.llmobs.prompt.PromptTemplateInfo;
import dev.llmobs.trace.EvaluationSpec;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.SpanDescriptor;
import dev.llmobs.trace.SpanIdentity;
import dev.llmobs.trace.convention.LlmSpanConventions;

/**
 * Turns an annotated method into its {@link SpanDescriptor}, once per method and target
 * class.
 */
public final class SpanDescriptorResolver {

	private static final Optional<SpanDescriptor> NOT_INSTRUMENTED = Optional.empty();

	private final Map<Key, Optional<SpanDescriptor>> cache = new ConcurrentHashMap<>();

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final LlmSpanConventions conventions;

	private final boolean captureInputs;

	private final boolean captureOutputs;

	/**
	 * Creates a resolver.
	 * @param conventions the conventions to write
	 * @param captureInputs the global input capture switch
	 * @param captureOutputs the global output capture switch
	 */
	public SpanDescriptorResolver(LlmSpanConventions conventions, boolean captureInputs, boolean captureOutputs) {
		this.conventions = conventions;
		this.captureInputs = captureInputs;
		this.captureOutputs = captureOutputs;
	}

	/**
	 * Resolves the descriptor of a method called on a target class.
	 * @param method the invoked method
	 * @param targetClass the class of the target object
	 * @return the descriptor, or {@code null} when the method is not instrumented
	 */
	public SpanDescriptor resolve(Method method, Class<?> targetClass) {
		Key key = new Key(method, targetClass);
		// get first: computeIfAbsent may lock the bin even when the key is present
		Optional<SpanDescriptor> descriptor = this.cache.get(key);
		if (descriptor == null) {
			descriptor = this.cache.computeIfAbsent(key, this::describe);
		}
		return descriptor.orElse(null);
	}

	private Optional<SpanDescriptor> describe(Key key) {
		Class<?> targetClass = (key.targetClass() != null) ? key.targetClass() : key.method().getDeclaringClass();
		Method method = AopUtils.getMostSpecificMethod(key.method(), targetClass);
		Annotation annotation = SpanAnnotations.find(method, targetClass);
		if (annotation == null) {
			return NOT_INSTRUMENTED;
		}
		return Optional.of(describe(method, targetClass, annotation));
	}

	private SpanDescriptor describe(Method method, Class<?> targetClass, Annotation annotation) {
		Options options = Options.of(annotation);
		String name = options.name().isEmpty() ? targetClass.getSimpleName() + "." + method.getName() : options.name();
		boolean captureInput = decide(options.captureInput(), this.captureInputs);
		boolean captureOutput = decide(options.captureOutput(), this.captureOutputs);
		Parameter[] parameters = method.getParameters();
		String[] discovered = this.parameterNames.getParameterNames(method);
		List<String> names = new ArrayList<>();
		List<Integer> indexes = new ArrayList<>();
		int queryIndex = -1;
		// A Kotlin suspend function's last parameter is its continuation: not an input,
		// and not among the names Kotlin reflection discovers.
		int inputs = isContinuation(parameters) ? parameters.length - 1 : parameters.length;
		for (int i = 0; i < inputs; i++) {
			if (parameters[i].isAnnotationPresent(RetrievalQuery.class)) {
				queryIndex = i;
			}
			if (!parameters[i].isAnnotationPresent(NoCapture.class)) {
				names.add(name(discovered, parameters, i));
				indexes.add(i);
			}
		}
		if (options.kind() == LlmSpanKind.RETRIEVER && queryIndex < 0 && !indexes.isEmpty()) {
			queryIndex = indexes.get(0);
		}
		return new SpanDescriptor(options.kind(), name,
				LlmSpanTracer.staticAttributes(options.kind(), name, options.identity(), this.conventions),
				captureInput, captureOutput, names.toArray(String[]::new),
				indexes.stream().mapToInt(Integer::intValue).toArray(), queryIndex, options.identity(),
				evaluationSpec(method, discovered, parameters), prompt(method, targetClass));
	}

	private static boolean isContinuation(Parameter[] parameters) {
		return parameters.length > 0
				&& parameters[parameters.length - 1].getType().getName().equals("kotlin.coroutines.Continuation");
	}

	private static String name(String[] discovered, Parameter[] parameters, int index) {
		return (discovered != null && index < discovered.length) ? discovered[index] : parameters[index].getName();
	}

	private static PromptTemplateInfo prompt(Method method, Class<?> targetClass) {
		LlmPrompt declared = AnnotatedElementUtils.findMergedAnnotation(method, LlmPrompt.class);
		if (declared == null) {
			declared = AnnotatedElementUtils.findMergedAnnotation(targetClass, LlmPrompt.class);
		}
		return (declared != null) ? PromptTemplateInfo.of(declared.id(), declared.version(), declared.template(), null)
				: null;
	}

	private static EvaluationSpec evaluationSpec(Method method, String[] names, Parameter[] parameters) {
		Evaluated evaluated = AnnotatedElementUtils.findMergedAnnotation(method, Evaluated.class);
		if (evaluated == null) {
			return null;
		}
		return new EvaluationSpec(List.of(evaluated.value()), evaluated.sampleRate(), evaluated.async(),
				indexOf(evaluated.question(), names, parameters), indexOf(evaluated.context(), names, parameters));
	}

	private static int indexOf(String name, String[] names, Parameter[] parameters) {
		if (name.isEmpty()) {
			return -1;
		}
		for (int i = 0; i < parameters.length; i++) {
			String parameterName = name(names, parameters, i);
			if (parameterName.equals(name)) {
				return i;
			}
		}
		throw new IllegalStateException("@Evaluated names parameter '" + name + "' that does not exist");
	}

	private static boolean decide(Capture override, boolean global) {
		return switch (override) {
			case ON -> true;
			case OFF -> false;
			case INHERIT -> global;
		};
	}

	private record Key(Method method, Class<?> targetClass) {

	}

	private record Options(LlmSpanKind kind, String name, Capture captureInput, Capture captureOutput,
			SpanIdentity identity) {

		static Options of(Annotation annotation) {
			if (annotation instanceof LlmChain a) {
				return new Options(LlmSpanKind.CHAIN, a.name(), a.captureInput(), a.captureOutput(), SpanIdentity.NONE);
			}
			if (annotation instanceof LlmTask a) {
				return new Options(LlmSpanKind.TASK, a.name(), a.captureInput(), a.captureOutput(), SpanIdentity.NONE);
			}
			if (annotation instanceof Retriever a) {
				return new Options(LlmSpanKind.RETRIEVER, a.name(), a.captureInput(), a.captureOutput(),
						SpanIdentity.NONE);
			}
			if (annotation instanceof LlmCall a) {
				return new Options(LlmSpanKind.LLM, a.name(), a.captureInput(), a.captureOutput(),
						new SpanIdentity(a.provider(), a.model(), a.operation(), ""));
			}
			if (annotation instanceof LlmTool a) {
				return new Options(LlmSpanKind.TOOL, a.name(), a.captureInput(), a.captureOutput(),
						new SpanIdentity("", "", "", a.description()));
			}
			if (annotation instanceof LlmAgent a) {
				return new Options(LlmSpanKind.AGENT, a.name(), a.captureInput(), a.captureOutput(),
						new SpanIdentity("", "", "", "", a.id()));
			}
			if (annotation instanceof Evaluated) {
				return new Options(LlmSpanKind.CHAIN, "", Capture.INHERIT, Capture.INHERIT, SpanIdentity.NONE);
			}
			Embedding a = (Embedding) annotation;
			return new Options(LlmSpanKind.EMBEDDING, a.name(), a.captureInput(), a.captureOutput(),
					new SpanIdentity("", a.model(), "", ""));
		}

	}

}
