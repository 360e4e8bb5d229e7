/**
 * What happens after spans end: export accounting around Boot's exporter, assembly of
 * finished traces, the recent-trace store and console summaries.
 */
package dev.llmobs.export;
