package dev.llmobs.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

import dev.llmobs.eval.JudgeClient;
import dev.llmobs.springai.SpringAiJudgeClient;

/**
 * Finds the judge model when it is first needed: a {@link JudgeClient} bean, else a
 * Spring AI {@code ChatModel} bean. Resolving late keeps the evaluators independent of
 * the order in which model auto-configurations run.
 */
final class JudgeClients {

	private static final String CHAT_MODEL = "org.springframework.ai.chat.model.ChatModel";

	private JudgeClients() {
	}

	static JudgeClient lazy(ObjectProvider<JudgeClient> clients, ListableBeanFactory beanFactory) {
		return (system, user) -> {
			JudgeClient client = clients.getIfUnique();
			if (client == null && ClassUtils.isPresent(CHAT_MODEL, JudgeClients.class.getClassLoader())) {
				client = SpringAi.client(beanFactory);
			}
			if (client == null) {
				throw new IllegalStateException(
						"no judge model: declare a JudgeClient bean or configure a Spring AI ChatModel");
			}
			return client.complete(system, user);
		};
	}

	private static final class SpringAi {

		static JudgeClient client(ListableBeanFactory beanFactory) {
			ObjectProvider<org.springframework.ai.chat.model.ChatModel> models = beanFactory
				.getBeanProvider(org.springframework.ai.chat.model.ChatModel.class);
			org.springframework.ai.chat.model.ChatModel model = models.getIfUnique();
			return (model != null) ? new SpringAiJudgeClient(model) : null;
		}

	}

}
