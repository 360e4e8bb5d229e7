package dev.llmobs.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import dev.llmobs.export.RecentTraceStore;
import dev.llmobs.viewer.TraceViewer;

/**
 * The trace viewer page, off unless {@code llmobs.viewer.enabled=true}.
 */
@AutoConfiguration(after = LlmObsExportAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("llmobs.viewer.enabled")
@ConditionalOnBean(RecentTraceStore.class)
@EnableConfigurationProperties(LlmObsProperties.class)
public final class LlmObsViewerAutoConfiguration {

	@Bean
	RouterFunction<ServerResponse> llmObsViewerRoutes(LlmObsProperties properties, RecentTraceStore store) {
		return TraceViewer.routes(properties.getViewer().getPath(), store);
	}

}
