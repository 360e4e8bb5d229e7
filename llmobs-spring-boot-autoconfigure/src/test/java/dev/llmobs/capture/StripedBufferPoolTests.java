package dev.llmobs.capture;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.BufferRecycler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StripedBufferPoolTests {

	@Test
	void aThreadGetsBackTheBuffersItReturned() {
		StripedBufferPool pool = new StripedBufferPool(4);
		BufferRecycler first = pool.acquireAndLinkPooled();
		assertThat(pool.pooledCount()).isZero();
		first.releaseToPool();
		assertThat(pool.pooledCount()).isOne();
		BufferRecycler second = pool.acquireAndLinkPooled();
		assertThat(second).isSameAs(first);
		assertThat(pool.pooledCount()).isZero();
	}

	@Test
	void aFullStripeLeavesTheSecondSetToTheCollector() {
		StripedBufferPool pool = new StripedBufferPool(4);
		BufferRecycler first = pool.acquireAndLinkPooled();
		BufferRecycler second = pool.acquireAndLinkPooled();
		assertThat(second).isNotSameAs(first);
		first.releaseToPool();
		second.releaseToPool();
		assertThat(pool.pooledCount()).isOne();
		assertThat(pool.acquirePooled()).isSameAs(first);
		assertThat(pool.acquirePooled()).isNotSameAs(first).isNotSameAs(second);
	}

	@Test
	void clearEmptiesEveryStripe() {
		StripedBufferPool pool = new StripedBufferPool(4);
		BufferRecycler recycler = pool.acquireAndLinkPooled();
		recycler.releaseToPool();
		assertThat(pool.clear()).isTrue();
		assertThat(pool.pooledCount()).isZero();
		assertThat(pool.acquirePooled()).isNotSameAs(recycler);
	}

	@Test
	void stripesArePowersOfTwo() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StripedBufferPool(6));
		int stripes = StripedBufferPool.forProcessors().stripes();
		assertThat(Integer.bitCount(stripes)).isOne();
		assertThat(stripes).isBetween(4, 64)
			.isGreaterThanOrEqualTo(Math.min(64, Runtime.getRuntime().availableProcessors()));
	}

	@Test
	void noTwoThreadsHoldTheSameBuffersAtOnce() throws Exception {
		StripedBufferPool pool = new StripedBufferPool(2);
		Set<BufferRecycler> held = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
		AtomicInteger sharedAtOnce = new AtomicInteger();
		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			Future<?>[] running = new Future<?>[threads];
			for (int t = 0; t < threads; t++) {
				running[t] = executor.submit(() -> {
					start.await();
					for (int i = 0; i < 20_000; i++) {
						BufferRecycler recycler = pool.acquireAndLinkPooled();
						if (!held.add(recycler)) {
							sharedAtOnce.incrementAndGet();
						}
						held.remove(recycler);
						recycler.releaseToPool();
					}
					return null;
				});
			}
			start.countDown();
			for (Future<?> future : running) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(sharedAtOnce).hasValue(0);
		assertThat(pool.pooledCount()).isBetween(1, 2);
	}

	@Test
	void theCaptureMapperWritesWithStripedBuffers() {
		try (JsonGenerator generator = CaptureJson.MAPPER.createGenerator(new BoundedWriter(100))) {
			assertThat(CaptureJson.MAPPER.tokenStreamFactory()._getRecyclerPool())
				.isInstanceOf(StripedBufferPool.class);
			generator.writeString("x");
		}
	}

}
