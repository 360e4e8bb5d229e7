package dev.llmobs.springai;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.core.Ordered;

/**
 * A {@code ChatClient} stream advisor that measures the time to the first chunk of the
 * chat model call beneath it (see {@link FirstChunkTiming}). It passes every request and
 * response through unchanged; added to the auto-configured {@code ChatClient.Builder}.
 */
public final class FirstChunkAdvisor implements StreamAdvisor {

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.deferContextual((context) -> {
			FirstChunkTiming timing = new FirstChunkTiming();
			Observation advisor = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			if (advisor == null) {
				return chain.nextStream(request);
			}
			advisor.getContext().put(FirstChunkTiming.class, timing);
			return chain.nextStream(request).doOnNext((response) -> timing.first());
		});
	}

	@Override
	public String getName() {
		return "llmobs-first-chunk";
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
