/**
 * Quality-aware tail sampling: whole traces held until their local root ends, then kept
 * when they matter (errors, failed evaluations, truncation, cost, duration, chosen
 * customers) or at a deterministic rate, and otherwise dropped, within bounded memory.
 */
package dev.llmobs.sampling;
