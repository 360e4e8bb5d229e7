/**
 * The bundled help-center articles and their BM25 keyword search.
 */
package dev.llmobs.sample.knowledge;
