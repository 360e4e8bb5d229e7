package dev.llmobs.test.experiment;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Adds {@link LlmExperiments} (and the recorder of the examples' spans) to a
 * {@code @SpringBootTest}'s context, the way {@code @AutoConfigureMockMvc} adds MockMvc.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(LlmObsExperimentsAutoConfiguration.class)
public @interface AutoConfigureLlmObsExperiments {

}
