package dev.llmobs.context;

/**
 * A scope opened by {@code LlmObs.session(..)} and friends; closing it restores what was
 * in effect before. Use with try-with-resources on the thread that opened it.
 */
public interface LlmObsScope extends AutoCloseable {

	@Override
	void close();

}
