package dev.llmobs.aop;

import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.llmobs.trace.SpanCompletion;
import dev.llmobs.trace.StreamedOutput;

/**
 * Ends the span of a method returning a {@link Stream} when the stream is closed (closed
 * before it was consumed to the end counts as cancelled), or fails while being consumed.
 * Elements are collected up to the capture limit as they pass; the stream is never
 * consumed by us.
 */
public final class StreamReturnValueHandler implements ReturnValueHandler {

	@Override
	public boolean canHandle(Object returnValue) {
		return returnValue instanceof Stream<?>;
	}

	@Override
	public Object handle(Object returnValue, SpanCompletion completion) {
		Stream<?> stream = (Stream<?>) returnValue;
		ObservedSpliterator<?> observed = new ObservedSpliterator<>(stream.spliterator(), completion);
		return StreamSupport.stream(observed, stream.isParallel()).onClose(stream::close).onClose(observed::closed);
	}

	private static final class ObservedSpliterator<T> implements Spliterator<T> {

		private final Spliterator<T> delegate;

		private final SpanCompletion completion;

		private final StreamedOutput output;

		private volatile boolean exhausted;

		ObservedSpliterator(Spliterator<T> delegate, SpanCompletion completion) {
			this.delegate = delegate;
			this.completion = completion;
			this.output = completion.streamedOutput();
		}

		@Override
		public boolean tryAdvance(Consumer<? super T> action) {
			boolean advanced;
			try {
				advanced = this.delegate.tryAdvance((element) -> {
					this.completion.firstElement();
					if (this.output != null) {
						this.output.add(element);
					}
					action.accept(element);
				});
			}
			catch (RuntimeException | Error ex) {
				this.completion.fail(ex);
				throw ex;
			}
			if (!advanced) {
				this.exhausted = true;
				this.completion.succeedWithCaptured(render());
			}
			return advanced;
		}

		void closed() {
			if (this.exhausted) {
				return;
			}
			this.completion.cancel(render());
		}

		private dev.llmobs.capture.CapturedContent render() {
			return (this.output != null) ? this.output.render() : null;
		}

		@Override
		public Spliterator<T> trySplit() {
			return null;
		}

		@Override
		public long estimateSize() {
			return this.delegate.estimateSize();
		}

		@Override
		public int characteristics() {
			return this.delegate.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED);
		}

	}

}
