package dev.llmobs.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration reference names every property the configuration processor
 * generates metadata for.
 */
class ConfigurationReferenceTests {

	@Test
	void readmeDocumentsEveryProperty() throws IOException {
		List<String> properties = new ArrayList<>();
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).as("configuration metadata").isNotNull();
			for (JsonNode property : JsonMapper.builder().build().readTree(metadata).get("properties")) {
				properties.add(property.get("name").asString());
			}
		}
		String readme = Files.readString(Path.of("..", "README.md"));
		assertThat(properties).hasSizeGreaterThan(30);
		assertThat(properties)
			.allSatisfy((property) -> assertThat(readme).as("README mentions " + property).contains("`" + property));
	}

}
