/**
 * The built-in trace viewer page and its JSON API over the recent-trace store.
 */
package dev.llmobs.viewer;
