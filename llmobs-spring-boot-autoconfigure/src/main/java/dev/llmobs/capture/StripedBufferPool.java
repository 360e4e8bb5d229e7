package dev.llmobs.capture;

import java.util.concurrent.atomic.AtomicReferenceArray;

import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.RecyclerPool;

/**
 * Where the capture mapper keeps the buffers of a JSON generator between captures: one
 * slot per stripe, a thread's stripe chosen by its id. Taking a buffer set is one
 * compare-and-set on the thread's own stripe, or a new set when the stripe is empty;
 * giving it back is one compare-and-set, or nothing when the stripe is full (the set is
 * left to the collector). Jackson's default pool is a shared deque: every capture links
 * and unlinks a node at its head, so request threads on different cores take turns on the
 * same memory, and a request makes several captures. Unlike a thread-local pool, a stripe
 * serves virtual threads as well as platform threads, and holds at most one buffer set
 * however many threads come and go. Stripes sit a cache line apart.
 */
final class StripedBufferPool implements RecyclerPool<BufferRecycler> {

	private static final long serialVersionUID = 1L;

	/** Array slots between two stripes: 16 references fill a 64-byte cache line. */
	static final int SPACING = 16;

	private final int stripes;

	private final transient AtomicReferenceArray<BufferRecycler> slots;

	/**
	 * Creates a pool.
	 * @param stripes the number of stripes, a power of two
	 */
	StripedBufferPool(int stripes) {
		if (Integer.bitCount(stripes) != 1) {
			throw new IllegalArgumentException("stripes must be a power of two: " + stripes);
		}
		this.stripes = stripes;
		this.slots = new AtomicReferenceArray<>(stripes * SPACING);
	}

	/**
	 * A pool with twice as many stripes as processors, at least 4 and at most 64.
	 * @return the pool
	 */
	static StripedBufferPool forProcessors() {
		int wanted = Math.max(4, Math.min(64, 2 * Runtime.getRuntime().availableProcessors()));
		return new StripedBufferPool(Integer.highestOneBit(wanted - 1) << 1);
	}

	int stripes() {
		return this.stripes;
	}

	@Override
	public BufferRecycler acquirePooled() {
		int slot = slotOfCurrentThread();
		BufferRecycler pooled = this.slots.get(slot);
		if (pooled != null && this.slots.compareAndSet(slot, pooled, null)) {
			return pooled;
		}
		return new BufferRecycler();
	}

	@Override
	public void releasePooled(BufferRecycler recycler) {
		int slot = slotOfCurrentThread();
		if (this.slots.get(slot) == null) {
			this.slots.compareAndSet(slot, null, recycler);
		}
	}

	@Override
	public int pooledCount() {
		int count = 0;
		for (int stripe = 0; stripe < this.stripes; stripe++) {
			if (this.slots.get(stripe * SPACING) != null) {
				count++;
			}
		}
		return count;
	}

	@Override
	public boolean clear() {
		for (int stripe = 0; stripe < this.stripes; stripe++) {
			this.slots.set(stripe * SPACING, null);
		}
		return true;
	}

	private int slotOfCurrentThread() {
		// Fibonacci hashing spreads consecutive thread ids over the stripes
		int mixed = (int) (Thread.currentThread().getId() * 0x9E3779B97F4A7C15L >>> 32);
		return (mixed & (this.stripes - 1)) * SPACING;
	}

	/** A deserialized pool starts empty. */
	private Object readResolve() {
		return new StripedBufferPool(this.stripes);
	}

}
