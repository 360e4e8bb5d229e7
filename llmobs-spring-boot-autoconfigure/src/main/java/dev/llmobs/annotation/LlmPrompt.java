package dev.llmobs.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the prompt template and version a traced method uses. Goes next to a span
 * annotation ({@code @LlmCall}, {@code @LlmChain}, {@code @LlmTask}, ...): the method's
 * own LLM span and every LLM span started inside it (Spring AI's included) record the
 * template, and metrics are tagged with its version. An inner declaration wins; for
 * prompts assembled by hand, use {@code LlmObs.promptTemplate(...)}. <pre class="code">
 * &#64;LlmCall(provider = "openai")
 * &#64;LlmPrompt(id = "support-answer", version = "3", template = SupportPrompt.TEMPLATE)
 * public ModelReply answer(SupportPrompt prompt) { ... }
 * </pre>
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LlmPrompt {

	/**
	 * The template id, recorded as {@code gen_ai.prompt.name}.
	 * @return the id
	 */
	String id();

	/**
	 * The declared version, recorded as {@code llm.prompt_template.version} and used as
	 * the {@code prompt.version} metric tag.
	 * @return the version
	 */
	String version() default "";

	/**
	 * The template text, recorded (subject to capture settings) as
	 * {@code llm.prompt_template.template} and hashed into {@code llmobs.prompt.hash}.
	 * @return the text, or empty
	 */
	String template() default "";

}
