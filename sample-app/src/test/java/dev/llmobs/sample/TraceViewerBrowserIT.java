package dev.llmobs.sample;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmTask;
import dev.llmobs.sample.web.ChatReply;
import dev.llmobs.sample.web.ChatRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace viewer in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): a scripted conversation, then the list, a trace, the
 * retriever and LLM spans, the sessions view, an injection attempt and a trace of 500
 * spans.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo-conversation.enabled=false", "llmobs.console.enabled=false" })
@Import(TraceViewerBrowserIT.BigTraceConfiguration.class)
class TraceViewerBrowserIT {

	private static final String INJECTION = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> refund?";

	private static WebDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	BigTrace bigTrace;

	@BeforeAll
	static void startBrowser() throws Exception {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(new File("/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1400,1000",
				"--user-data-dir=" + Files.createTempDirectory("llmobs-chromium"));
		// the browser console, to prove the page runs under its Content-Security-Policy
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	private ChatReply ask(String session, String message) {
		return RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/api/chat")
			.header("X-Session-Id", session)
			.header("X-User-Id", "browser-user")
			.body(new ChatRequest(message))
			.retrieve()
			.body(ChatReply.class);
	}

	private WebDriverWait waiting() {
		return new WebDriverWait(browser, Duration.ofSeconds(15));
	}

	private void openViewer() {
		browser.get("http://localhost:" + this.port + "/llmobs");
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#traces tbody tr")));
	}

	private void openTrace(String traceId) {
		waiting()
			.until(ExpectedConditions
				.elementToBeClickable(By.cssSelector("#traces tbody tr[data-trace-id='" + traceId + "']")))
			.click();
		waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#waterfall .span-row")));
	}

	private WebElement spanRow(String name) {
		return waiting().until(ExpectedConditions
			.elementToBeClickable(By.cssSelector("#waterfall .span-row[data-span-name='" + name + "']")));
	}

	private static void screenshot(String name) throws Exception {
		File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
	}

	@Test
	void showsTracesSpansDocumentsMessagesAndSessions() throws Exception {
		ChatReply first = ask("viewer-session", "How do I get a refund for my Pro subscription?");
		ask("viewer-session", "How long does the refund take to arrive?");
		openViewer();
		assertThat(browser.findElements(By.cssSelector("#traces tbody tr")).size()).isGreaterThanOrEqualTo(2);
		assertThat(browser.findElement(By.cssSelector("#traces tbody")).getText()).contains("viewer-session")
			.contains("browser-user")
			.contains("http post /api/chat");

		openTrace(first.traceId());
		assertThat(browser.findElement(By.id("waterfall")).getText()).contains("support-flow")
			.contains("knowledge-base.search")
			.contains("build-prompt")
			.contains("OfflineSupportModel.answer");

		spanRow("knowledge-base.search").click();
		WebElement details = browser.findElement(By.id("details"));
		waiting().until(ExpectedConditions.textToBePresentInElement(details, "Retrieved documents"));
		assertThat(details.getText()).contains("kb-06").contains("score").contains("Refunds are available");

		spanRow("OfflineSupportModel.answer").click();
		waiting().until(ExpectedConditions.textToBePresentInElement(details, "Output messages"));
		assertThat(details.getText()).contains("prompt tokens")
			.contains("completion tokens")
			.contains("assistant")
			.contains("[offline model]");

		spanRow("support-flow").click();
		waiting().until(ExpectedConditions.textToBePresentInElement(details, "Evaluations"));
		assertThat(details.getText()).contains("context-overlap").contains("pii-leak");
		screenshot("viewer-trace.png");

		((JavascriptExecutor) browser).executeScript("window.llmobsViewer.loadSession('viewer-session')");
		WebElement turns = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("turns")));
		assertThat(turns.findElements(By.tagName("li"))).hasSize(2);
		assertThat(turns.getText()).contains("How do I get a refund").contains("How long does the refund take");
		screenshot("viewer-session.png");
	}

	@Test
	void pageRendersUnderItsContentSecurityPolicyWithoutConsoleErrors() throws Exception {
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/llmobs")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("script-src 'self'")
				.contains("style-src 'self'")
				.doesNotContain("unsafe"));
		browser.manage().logs().get(LogType.BROWSER);
		ChatReply reply = ask("csp-session", "How do I export my notes?");
		openViewer();
		openTrace(reply.traceId());
		spanRow("knowledge-base.search").click();
		WebElement details = browser.findElement(By.id("details"));
		waiting().until(ExpectedConditions.textToBePresentInElement(details, "Retrieved documents"));
		((JavascriptExecutor) browser).executeScript("window.llmobsViewer.loadSession('csp-session')");
		waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("turns")));
		List<LogEntry> problems = browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue())
			.toList();
		assertThat(problems).as("console warnings and errors").isEmpty();
		// the policy is enforced: an inline script added to the page does not run
		Object inline = ((JavascriptExecutor) browser).executeScript("var s = document.createElement('script');"
				+ "s.textContent = 'window.__inline = 1'; document.body.appendChild(s); return window.__inline === 1;");
		assertThat(inline).isEqualTo(false);
		assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
			.anySatisfy((entry) -> assertThat(entry.getMessage()).contains("Content Security Policy"));
	}

	@Test
	void promptsAreShownAsTextNeverAsHtml() throws Exception {
		ChatReply reply = ask("injection-session", INJECTION);
		openViewer();
		openTrace(reply.traceId());
		spanRow("support-flow").click();
		WebElement input = waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#details pre.input")));
		assertThat(input.getText()).contains("<script>window.__pwned=1</script>").contains("<img src=x onerror");
		assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);
		assertThat(browser.findElements(By.cssSelector("#details img"))).isEmpty();
		assertThat(browser.findElements(By.cssSelector("#details script"))).isEmpty();
		screenshot("viewer-injection.png");
	}

	@Test
	void handlesATraceOfFiveHundredSpansAndALongOutput() {
		String traceId = this.bigTrace.run().traceId();
		openViewer();
		openTrace(traceId);
		List<WebElement> rows = browser.findElements(By.cssSelector("#waterfall .span-row"));
		assertThat(rows).hasSize(501);
		spanRow("big-trace").click();
		WebElement output = waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#details pre.output")));
		assertThat(output.getText()).hasSizeGreaterThanOrEqualTo(4000);
	}

	@Test
	void thumbsOnTheChatPageReachTheViewer() {
		browser.get("http://localhost:" + this.port + "/");
		WebElement input = waiting().until(ExpectedConditions.elementToBeClickable(By.id("message")));
		input.sendKeys("How do I export my notes?");
		input.submit();
		WebElement thumbsDown = waiting()
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".feedback .thumbs-down")));
		String traceId = browser.findElement(By.cssSelector(".feedback")).getAttribute("data-trace-id");
		thumbsDown.click();
		waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".feedback .sent"),
				"thanks for the feedback"));

		openViewer();
		WebElement row = waiting().until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#traces tbody tr[data-trace-id='" + traceId + "']")));
		assertThat(row.findElement(By.cssSelector(".feedback-chip")).getText()).isEqualTo("thumbs: 👎");
		assertThat(row.findElement(By.cssSelector(".feedback-chip")).getAttribute("class")).contains("fail");
		assertThat(row.getText()).contains("support-flow").contains("How do I export my notes?");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class BigTraceConfiguration {

		@Bean
		Step step() {
			return new Step();
		}

		@Bean
		BigTrace bigTrace(Step step) {
			return new BigTrace(step);
		}

	}

	static class Step {

		@LlmTask
		public int step(int index) {
			return index;
		}

	}

	record BigOutput(String traceId, String text) {
	}

	static class BigTrace {

		private final Step step;

		BigTrace(Step step) {
			this.step = step;
		}

		@LlmChain(name = "big-trace")
		public BigOutput run() {
			for (int i = 0; i < 500; i++) {
				this.step.step(i);
			}
			return new BigOutput(io.opentelemetry.api.trace.Span.current().getSpanContext().getTraceId(),
					"o".repeat(4000));
		}

	}

}
