package dev.llmobs.sample.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import dev.llmobs.annotation.Retriever;

/**
 * The bundled articles in an in-memory Lucene index, searched with BM25 (Lucene's default
 * similarity) over title and content.
 */
@Component
public class KnowledgeBase {

	/** The most distinct terms a query holds. */
	static final int MAX_TERMS = 256;

	/** The most characters of a question that are analyzed. */
	static final int MAX_QUERY_CHARS = 4_000;

	private final Analyzer analyzer = new EnglishAnalyzer();

	private final IndexSearcher searcher;

	private final int size;

	public KnowledgeBase() {
		List<Article> articles = load();
		this.size = articles.size();
		Directory directory = new ByteBuffersDirectory();
		try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(this.analyzer))) {
			for (Article article : articles) {
				Document document = new Document();
				document.add(new StringField("id", article.id(), Field.Store.YES));
				document.add(new TextField("title", article.title(), Field.Store.YES));
				document.add(new TextField("content", article.content(), Field.Store.YES));
				writer.addDocument(document);
			}
			writer.commit();
			this.searcher = new IndexSearcher(DirectoryReader.open(directory));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Article> load() {
		try (InputStream json = new ClassPathResource("knowledge-base.json").getInputStream()) {
			List<Map<String, String>> entries = JsonMapper.builder()
				.build()
				.readValue(json, new TypeReference<List<Map<String, String>>>() {
				});
			return entries.stream()
				.map((entry) -> new Article(entry.get("id"), entry.get("title"), entry.get("content"), 0))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The number of articles.
	 * @return the count
	 */
	public int size() {
		return this.size;
	}

	/**
	 * The query for a question: each distinct analyzed term, in the title or the content,
	 * at most {@value #MAX_TERMS} of them from the first {@value #MAX_QUERY_CHARS}
	 * characters. One pass of the analyzer, so the cost is linear in the question (the
	 * classic query parser grew with the square of a long question's size).
	 */
	Query query(String question) throws IOException {
		String text = (question.length() > MAX_QUERY_CHARS) ? question.substring(0, MAX_QUERY_CHARS) : question;
		Set<String> terms = new LinkedHashSet<>();
		try (TokenStream tokens = this.analyzer.tokenStream("content", text)) {
			CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
			tokens.reset();
			while (terms.size() < MAX_TERMS && tokens.incrementToken()) {
				terms.add(term.toString());
			}
			tokens.end();
		}
		BooleanQuery.Builder builder = new BooleanQuery.Builder();
		for (String term : terms) {
			builder.add(new TermQuery(new Term("title", term)), BooleanClause.Occur.SHOULD);
			builder.add(new TermQuery(new Term("content", term)), BooleanClause.Occur.SHOULD);
		}
		return builder.build();
	}

	/**
	 * Finds the articles most relevant to a question.
	 * @param query the question
	 * @param limit the maximum number of articles
	 * @return the hits, best first
	 */
	@Retriever(name = "knowledge-base.search")
	public List<Article> search(String query, int limit) {
		List<Article> hits = new ArrayList<>();
		if (query == null || query.isBlank()) {
			return hits;
		}
		try {
			Query parsed = query(query);
			for (ScoreDoc hit : this.searcher.search(parsed, limit).scoreDocs) {
				Document document = this.searcher.storedFields().document(hit.doc);
				hits.add(new Article(document.get("id"), document.get("title"), document.get("content"), hit.score));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return hits;
	}

}
