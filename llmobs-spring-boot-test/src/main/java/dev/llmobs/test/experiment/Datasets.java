package dev.llmobs.test.experiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.core.io.Resource;

/**
 * Reads datasets: JSON Lines ({@code .jsonl}, one object per line) or CSV ({@code .csv},
 * a header row). Fields: {@code id} (defaults to the line number), {@code input}
 * (required), {@code expected_output}, {@code expected_document_ids} (a JSON array, or in
 * CSV ids separated by {@code |}) and {@code metadata} (a JSON object; in CSV every other
 * column). A malformed line fails with its line number.
 */
public final class Datasets {

	/** The most examples one dataset may hold. */
	public static final int MAX_EXAMPLES = 10_000;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final CsvMapper csv = CsvMapper.builder().enable(CsvReadFeature.TRIM_SPACES).build();

	private static final Set<String> KNOWN = Set.of("id", "input", "expected_output", "expected_document_ids",
			"metadata");

	private Datasets() {
	}

	/**
	 * Reads a dataset, by the resource's file extension.
	 * @param resource the dataset
	 * @return the examples, in file order
	 */
	public static List<Example> read(Resource resource) {
		String name = (resource.getFilename() != null) ? resource.getFilename().toLowerCase(Locale.ROOT) : "";
		if (!resource.exists()) {
			throw new IllegalArgumentException("Dataset " + resource.getDescription() + " does not exist");
		}
		try (InputStream in = resource.getInputStream()) {
			List<Example> examples = name.endsWith(".csv") ? readCsv(in, name) : readJsonLines(in, name);
			checkUniqueIds(examples, name);
			return examples;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read dataset " + resource.getDescription(), ex);
		}
	}

	static List<Example> readJsonLines(InputStream in, String name) throws IOException {
		List<Example> examples = new ArrayList<>();
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		String line;
		int number = 0;
		while ((line = reader.readLine()) != null) {
			number++;
			if (line.isBlank()) {
				continue;
			}
			JsonNode node;
			try {
				node = json.readTree(line);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException(name + " line " + number + ": not a JSON object", ex);
			}
			if (node == null || !node.isObject()) {
				throw new IllegalArgumentException(name + " line " + number + ": not a JSON object");
			}
			examples.add(example(node, number, name));
			checkSize(examples, name);
		}
		return examples;
	}

	private static Example example(JsonNode node, int number, String name) {
		String input = text(node.get("input"));
		if (input == null) {
			throw new IllegalArgumentException(name + " line " + number + ": no 'input'");
		}
		String id = text(node.get("id"));
		List<String> expectedIds = new ArrayList<>();
		JsonNode ids = node.get("expected_document_ids");
		if (ids != null && ids.isArray()) {
			ids.forEach((item) -> expectedIds.add(item.asString()));
		}
		else if (ids != null && !ids.isNull()) {
			throw new IllegalArgumentException(name + " line " + number + ": 'expected_document_ids' is not an array");
		}
		Map<String, Object> metadata = new LinkedHashMap<>();
		JsonNode meta = node.get("metadata");
		if (meta != null && meta.isObject()) {
			meta.properties().forEach((entry) -> metadata.put(entry.getKey(), value(entry.getValue())));
		}
		return new Example((id != null) ? id : String.valueOf(number), input, text(node.get("expected_output")),
				expectedIds, metadata);
	}

	static List<Example> readCsv(InputStream in, String name) {
		List<Example> examples = new ArrayList<>();
		CsvSchema schema = CsvSchema.emptySchema().withHeader();
		try (MappingIterator<Map<String, String>> rows = csv.readerFor(Map.class).with(schema).readValues(in)) {
			int number = 1;
			while (rows.hasNextValue()) {
				Map<String, String> row = rows.nextValue();
				number++;
				String input = blankToNull(row.get("input"));
				if (input == null) {
					throw new IllegalArgumentException(name + " row " + number + ": no 'input'");
				}
				List<String> expectedIds = new ArrayList<>();
				String ids = row.get("expected_document_ids");
				if (ids != null) {
					for (String id : ids.split("\\|")) {
						if (!id.isBlank()) {
							expectedIds.add(id.trim());
						}
					}
				}
				Map<String, Object> metadata = new LinkedHashMap<>();
				row.forEach((key, value) -> {
					if (!KNOWN.contains(key) && value != null && !value.isEmpty()) {
						metadata.put(key, value);
					}
				});
				String id = blankToNull(row.get("id"));
				examples.add(new Example((id != null) ? id : String.valueOf(number), input,
						blankToNull(row.get("expected_output")), expectedIds, metadata));
				checkSize(examples, name);
			}
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(name + ": malformed CSV: " + ex.getOriginalMessage(), ex);
		}
		return examples;
	}

	private static void checkSize(List<Example> examples, String name) {
		if (examples.size() > MAX_EXAMPLES) {
			throw new IllegalArgumentException(name + " has more than " + MAX_EXAMPLES + " examples");
		}
	}

	private static void checkUniqueIds(List<Example> examples, String name) {
		Set<String> seen = new HashSet<>();
		for (Example example : examples) {
			if (!seen.add(example.id())) {
				throw new IllegalArgumentException(name + ": example id '" + example.id() + "' appears twice");
			}
		}
	}

	private static String blankToNull(String text) {
		return (text != null && !text.isBlank()) ? text : null;
	}

	private static String text(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		return node.isValueNode() ? node.asString() : node.toString();
	}

	private static Object value(JsonNode node) {
		if (node.isString()) {
			return node.asString();
		}
		if (node.isNumber()) {
			return node.numberValue();
		}
		if (node.isBoolean()) {
			return node.asBoolean();
		}
		return node.toString();
	}

}
