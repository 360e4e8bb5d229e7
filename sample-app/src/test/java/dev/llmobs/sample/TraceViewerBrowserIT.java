package dev.llmobs.sample;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.net.URI;
import java.net.URLEncoder;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

import dev.llmobs.LlmObs;
import dev.llmobs.annotation.LlmCall;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmTask;
import dev.llmobs.annotation.LlmTool;
import dev.llmobs.context.LlmObsScope;
import dev.llmobs.sample.assistant.PromptBuilder;
import dev.llmobs.sample.web.ChatReply;
import dev.llmobs.sample.web.ChatRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace viewer in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): a scripted conversation, then the list, a trace, the
 * retriever and LLM spans, the sessions view, deep links with back and forward, search
 * and filters, a tool-calling model call as a conversation, injection attempts in every
 * rendered field, a list of 200 traces and a trace of 500 spans.
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

	@Autowired
	ToolAgent toolAgent;

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

	private FluentWait<WebDriver> waiting() {
		// a refresh may replace the rows between finding one and reading it
		return new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
	}

	private void openViewer() {
		browser.get("http://localhost:" + this.port + "/llmobs");
		waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#traces tbody tr")));
	}

	private void openTrace(String traceId) {
		// the first cell: a click on the session cell opens the session instead
		waiting()
			.until(ExpectedConditions.elementToBeClickable(
					By.cssSelector("#traces tbody tr[data-trace-id='" + traceId + "'] td:first-child")))
			.click();
		waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#waterfall .span-row")));
	}

	private WebElement spanRow(String name) {
		return waiting().until(ExpectedConditions
			.elementToBeClickable(By.cssSelector("#waterfall .span-row[data-span-name='" + name + "']")));
	}

	private String base() {
		return "http://localhost:" + this.port + "/llmobs";
	}

	private List<WebElement> rows() {
		return browser.findElements(By.cssSelector("#traces tbody tr"));
	}

	private WebElement row(String traceId) {
		return waiting().until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#traces tbody tr[data-trace-id='" + traceId + "']")));
	}

	private boolean listLoaded() {
		return browser.findElements(By.cssSelector("#traces[data-loading]")).isEmpty();
	}

	private Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) browser).executeScript(script, arguments);
	}

	private static void screenshot(String name) throws Exception {
		File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		// -Dllmobs.screenshots=../docs regenerates the README's screenshots
		Path directory = Path.of(System.getProperty("llmobs.screenshots", "target"));
		Files.createDirectories(directory);
		Files.copy(shot.toPath(), directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
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

	@Test
	void listsLlmTracesByDefaultWithVerdictChipsSearchAndFilters() throws Exception {
		ChatReply refund = ask("list-session", "How do I get a refund for my Pro subscription?");
		ChatReply export = ask("list-session", "How do I export my notes?");
		openViewer();
		// the viewer's own page loads are not LLM traces: hidden until "all requests"
		waiting().until((driver) -> rows().size() >= 2);
		assertThat(rows()).allSatisfy((row) -> assertThat(row.findElements(By.cssSelector(".root-name"))).isNotEmpty());
		browser.findElement(By.id("show-all")).click();
		waiting().until((driver) -> {
			if (!listLoaded()) {
				return false;
			}
			if (rows().stream().anyMatch((row) -> row.findElements(By.cssSelector(".root-name")).isEmpty())) {
				return true;
			}
			browser.findElement(By.id("refresh")).click();
			return false;
		});
		browser.findElement(By.id("show-all")).click();
		assertThat(rows()).allSatisfy((row) -> assertThat(row.findElements(By.cssSelector(".root-name"))).isNotEmpty());

		// each evaluator's verdict as a chip (evaluations may land after the answer)
		waiting().until((driver) -> {
			if (listLoaded() && row(refund.traceId()).getText().contains("context-overlap")
					&& row(export.traceId()).getText().contains("context-overlap")) {
				return true;
			}
			if (listLoaded()) {
				browser.findElement(By.id("refresh")).click();
			}
			return false;
		});
		WebElement refundRow = row(refund.traceId());
		assertThat(refundRow.findElements(By.cssSelector(".verdict-chip"))).extracting(WebElement::getText)
			.anySatisfy((chip) -> assertThat(chip).startsWith("context-overlap: "))
			.anySatisfy((chip) -> assertThat(chip).startsWith("pii-leak: "));
		assertThat(refundRow.findElement(By.cssSelector(".input-preview")).getText())
			.isEqualTo("How do I get a refund for my Pro subscription?");
		assertThat(refundRow.findElement(By.cssSelector(".output-preview")).getText()).isNotBlank();

		screenshot("viewer-list.png");
		String piiVerdict = refundRow.findElements(By.cssSelector(".verdict-chip"))
			.stream()
			.map(WebElement::getText)
			.filter((chip) -> chip.startsWith("pii-leak: "))
			.findFirst()
			.orElseThrow()
			.substring("pii-leak: ".length());

		// text search over inputs and outputs
		browser.findElement(By.id("filter-text")).sendKeys("export my NOTES");
		waiting().until((driver) -> browser
			.findElements(By.cssSelector("#traces tbody tr[data-trace-id='" + refund.traceId() + "']"))
			.isEmpty());
		assertThat(browser.findElements(By.cssSelector("#traces tbody tr[data-trace-id='" + export.traceId() + "']")))
			.hasSize(1);
		browser.findElement(By.id("filter-text")).clear();
		browser.findElement(By.id("filter-text")).sendKeys(" ");
		waiting().until((driver) -> browser
			.findElements(By.cssSelector("#traces tbody tr[data-trace-id='" + refund.traceId() + "']"))
			.size() == 1);

		// verdict filter: only traces where pii-leak has that verdict
		String otherVerdict = "pass".equals(piiVerdict) ? "fail" : "pass";
		Select verdict = new Select(browser.findElement(By.id("filter-verdict")));
		verdict.selectByValue(otherVerdict + ":pii-leak");
		assertThat(browser.findElements(By.cssSelector("#traces tbody tr[data-trace-id='" + refund.traceId() + "']")))
			.isEmpty();
		verdict.selectByValue(piiVerdict + ":pii-leak");
		assertThat(browser.findElements(By.cssSelector("#traces tbody tr[data-trace-id='" + refund.traceId() + "']")))
			.hasSize(1);
		verdict.selectByValue("");

		// model filter lists the models of the traces; the error filter keeps failed
		// traces only
		Select model = new Select(browser.findElement(By.id("filter-model")));
		assertThat(model.getOptions()).hasSizeGreaterThan(1);
		browser.findElement(By.id("filter-error")).click();
		assertThat(browser.findElements(By.cssSelector("#traces tbody tr[data-trace-id='" + refund.traceId() + "']")))
			.isEmpty();
		assertThat(rows()).allSatisfy(
				(row) -> assertThat(row.findElement(By.cssSelector("td:last-child")).getText()).isEqualTo("error"));
		browser.findElement(By.id("filter-error")).click();

		// prompt version filter: the sample's template version keeps the trace
		Select prompt = new Select(browser.findElement(By.id("filter-prompt")));
		prompt.selectByValue(PromptBuilder.VERSION);
		assertThat(browser.findElements(By.cssSelector("#traces tbody tr[data-trace-id='" + refund.traceId() + "']")))
			.hasSize(1);
		prompt.selectByValue("");

		// live refresh brings new traces in and keeps the search
		browser.findElement(By.id("filter-text")).clear();
		browser.findElement(By.id("filter-text")).sendKeys("refund");
		browser.findElement(By.id("live")).click();
		ChatReply live = ask("list-session", "Is a refund possible after the live trial?");
		waiting().until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#traces tbody tr[data-trace-id='" + live.traceId() + "']")));
		assertThat(browser.findElement(By.id("filter-text")).getAttribute("value")).isEqualTo("refund");
		assertThat(browser.findElements(By.cssSelector("#traces tbody tr[data-trace-id='" + export.traceId() + "']")))
			.isEmpty();
		browser.findElement(By.id("live")).click();
	}

	@Test
	void deepLinksOpenTracesAndSessionsAndBackAndForwardWork() throws Exception {
		ChatReply first = ask("link-session", "How do I get a refund for my Pro subscription?");
		ask("link-session", "How long does the refund take to arrive?");
		browser.get(base() + "#/traces/" + first.traceId());
		WebElement title = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("trace-title")));
		waiting().until(ExpectedConditions.textToBePresentInElement(title, first.traceId()));
		// opens on the outermost LLM span, not on the HTTP span
		WebElement selected = waiting()
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#waterfall .span-row.selected")));
		assertThat(selected.getAttribute("data-span-name")).isEqualTo("support-flow");
		assertThat(browser.findElement(By.cssSelector("#details h2")).getText()).isEqualTo("support-flow");
		assertThat(browser.findElement(By.cssSelector("#details details.all-attributes")).getAttribute("open"))
			.isNull();

		// copy and download
		assertThat(browser.findElement(By.id("copy-trace-id")).getAttribute("data-trace-id"))
			.isEqualTo(first.traceId());
		browser.findElement(By.id("copy-trace-id")).click();
		waiting().until((driver) -> !browser.findElement(By.id("copy-status")).getText().isEmpty());
		assertThat(browser.findElement(By.id("copy-status")).getText()).satisfiesAnyOf(
				(status) -> assertThat(status).isEqualTo("copied"),
				(status) -> assertThat(status).contains(first.traceId()));
		WebElement download = browser.findElement(By.id("download-json"));
		assertThat(download.getAttribute("download")).isEqualTo("trace-" + first.traceId() + ".json");
		HttpResponse<String> json = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(download.getAttribute("href"))).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(json.statusCode()).isEqualTo(200);
		assertThat(json.body()).contains(first.traceId()).contains("support-flow");

		// back and forward between the list, a trace and a session
		browser.get(base() + "#/traces");
		row(first.traceId()).findElement(By.cssSelector("td:first-child")).click();
		waiting().until(ExpectedConditions.urlContains("#/traces/" + first.traceId()));
		waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("trace-view")));
		browser.navigate().back();
		waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("traces-view")));
		assertThat(browser.findElement(By.id("trace-view")).isDisplayed()).isFalse();
		browser.navigate().forward();
		waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("trace-view")));
		waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("trace-title"), first.traceId()));

		// the sessions tab lists the recent sessions, each a link to its conversation
		browser.findElement(By.id("show-sessions")).click();
		waiting()
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#turns a[href='#/sessions/link-session']")))
			.click();
		waiting().until(ExpectedConditions.urlContains("#/sessions/link-session"));
		waiting().until((driver) -> browser.findElements(By.cssSelector("#turns li")).size() == 2);
		assertThat(browser.findElement(By.id("session-totals")).getText()).startsWith("2 turn(s)");
		assertThat(browser.findElement(By.id("turns")).getText()).contains("How do I get a refund")
			.contains("How long does the refund take");
		screenshot("viewer-session-deep-link.png");
		browser.findElement(By.cssSelector("#turns li[data-trace-id='" + first.traceId() + "'] a.trace-link")).click();
		waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("trace-title"), first.traceId()));
		browser.navigate().back();
		waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions-view")));
		waiting().until((driver) -> browser.findElements(By.cssSelector("#turns li")).size() == 2);
	}

	@Test
	void aToolCallingModelCallReadsAsAConversationAndEveryFieldStaysText() throws Exception {
		browser.get(base());
		browser.manage().logs().get(LogType.BROWSER);
		String traceId;
		try (LlmObsScope session = LlmObs.session(INJECTION); LlmObsScope user = LlmObs.user(INJECTION)) {
			traceId = this.toolAgent.run(INJECTION).traceId();
		}
		LlmObs.feedback(traceId, "thumbs", false, INJECTION);
		browser.get(base());
		waiting().until((driver) -> {
			if (!listLoaded()) {
				return false;
			}
			if (!browser
				.findElements(By.cssSelector("#traces tbody tr[data-trace-id='" + traceId + "'] .feedback-chip"))
				.isEmpty()) {
				return true;
			}
			browser.findElement(By.id("refresh")).click();
			return false;
		});
		WebElement row = row(traceId);
		assertThat(row.findElement(By.cssSelector(".input-preview")).getText())
			.contains("<script>window.__pwned=1</script>");
		assertThat(row.findElement(By.cssSelector(".output-preview")).getText()).contains("<img src=x onerror");
		assertThat(row.getText()).contains(INJECTION.substring(0, 30));
		assertThat(row.findElements(By.cssSelector(".verdict-chip"))).extracting(WebElement::getText)
			.anySatisfy((chip) -> assertThat(chip).startsWith("<script>"));
		assertThat(new Select(browser.findElement(By.id("filter-model"))).getOptions()).extracting(WebElement::getText)
			.contains(INJECTION);

		row.findElement(By.cssSelector("td:first-child")).click();
		WebElement details = browser.findElement(By.id("details"));
		spanRow("ToolModel.chat").click();
		waiting().until(ExpectedConditions.textToBePresentInElement(details, "Input messages"));
		List<WebElement> bubbles = details.findElements(By.cssSelector(".msg"));
		assertThat(bubbles).extracting((bubble) -> bubble.findElement(By.cssSelector(".msg-head strong")).getText())
			.containsExactly("system", "user", "assistant", "tool", "assistant");
		assertThat(details.findElement(By.cssSelector(".msg-user .msg-content")).getText()).isEqualTo(INJECTION);
		assertThat(details.findElement(By.cssSelector(".msg-assistant .tool-call-name")).getText())
			.contains("lookup_order")
			.contains("call-1");
		assertThat(details.findElement(By.cssSelector(".msg-assistant .tool-call-arguments")).getText())
			.contains("\"order\": \"A-42\"")
			.contains(INJECTION.substring(0, 20));
		assertThat(details.findElement(By.cssSelector(".msg-tool")).getText()).contains("call-1").contains("shipped");
		assertThat(details.findElement(By.cssSelector(".facts")).getText()).contains("model " + INJECTION)
			.contains("prompt tokens 120")
			.contains("completion tokens 30")
			.contains("finish reason stop");

		screenshot("viewer-conversation.png");

		spanRow("lookup_order").click();
		waiting().until(ExpectedConditions.textToBePresentInElement(details, "Arguments"));
		assertThat(details.getText()).contains("Result").contains("A-42");

		spanRow("tool-agent").click();
		waiting().until(ExpectedConditions.textToBePresentInElement(details, "Evaluations"));
		assertThat(details.findElement(By.cssSelector(".eval")).getText()).contains(INJECTION);
		browser.findElement(By.cssSelector("#details details.all-attributes summary")).click();
		assertThat(details.findElement(By.cssSelector("table.attrs")).getText()).contains(INJECTION);

		LlmObs.flush();
		browser.get(base() + "#/sessions/" + URLEncoder.encode(INJECTION, StandardCharsets.UTF_8).replace("+", "%20"));
		waiting().until((driver) -> browser.findElements(By.cssSelector("#turns li")).size() == 1);
		assertThat(browser.findElement(By.cssSelector("#turns li .turn-question")).getText()).contains(INJECTION);

		browser.get(base() + "#/prompts/" + URLEncoder.encode(INJECTION, StandardCharsets.UTF_8).replace("+", "%20"));
		waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("prompt-title"), INJECTION));
		assertThat(browser.findElement(By.cssSelector("#prompt-versions tbody tr td")).getText()).isEqualTo(INJECTION);
		assertThat(browser.findElement(By.id("prompt-list")).getText()).contains(INJECTION);

		assertThat(script("return window.__pwned === undefined")).isEqualTo(true);
		assertThat(browser.findElements(By.cssSelector("body img"))).isEmpty();
		assertThat(browser.findElements(By.cssSelector("body script"))).hasSize(1);
		assertThat(browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue())
			.toList()).as("console warnings and errors").isEmpty();
	}

	@Test
	void promptsPageComparesEachVersionOfATemplate() throws Exception {
		ask("prompt-session", "How do I get a refund for my Pro subscription?");
		ask("prompt-session", "How do I export my notes?");
		browser.get(base() + "#/prompts/" + PromptBuilder.TEMPLATE_ID);
		WebElement version = waiting().until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("#prompt-versions tbody tr[data-version='" + PromptBuilder.VERSION + "']")));
		assertThat(browser.findElement(By.id("prompt-title")).getText()).isEqualTo(PromptBuilder.TEMPLATE_ID);
		assertThat(browser.findElement(By.cssSelector("#prompt-list a.prompt-link.active")).getText())
			.isEqualTo(PromptBuilder.TEMPLATE_ID);
		List<WebElement> cells = version.findElements(By.tagName("td"));
		assertThat(Integer.parseInt(cells.get(1).getText())).isGreaterThanOrEqualTo(2);
		assertThat(Integer.parseInt(cells.get(2).getText())).isPositive();
		assertThat(cells.get(4).getText()).endsWith("ms");
		screenshot("viewer-prompts.png");
	}

	@Test
	@SuppressWarnings("unchecked")
	void measuresTheListOfTwoHundredTracesAndTheLargestTrace() throws Exception {
		for (int i = 0; i < 200; i++) {
			this.bigTrace.small(i);
		}
		String traceId = this.bigTrace.run().traceId();
		browser.manage().logs().get(LogType.BROWSER);
		openViewer();
		waiting().until((driver) -> rows().size() >= 150);
		int listed = rows().size();
		Map<String, Object> list = (Map<String, Object>) script("return window.__llmobsTimings.list");
		browser.get(base() + "#/traces/" + traceId);
		waiting().until((driver) -> browser.findElements(By.cssSelector("#waterfall .span-row")).size() == 501);
		Map<String, Object> trace = (Map<String, Object>) script("return window.__llmobsTimings.trace");
		System.out.printf("viewer timings: list of %s traces rendered in %.1f ms; trace of %s spans in %.1f ms%n",
				list.get("count"), ((Number) list.get("millis")).doubleValue(), trace.get("count"),
				((Number) trace.get("millis")).doubleValue());
		assertThat(((Number) list.get("count")).intValue()).isEqualTo(listed);
		assertThat(((Number) trace.get("count")).intValue()).isEqualTo(501);
		assertThat(browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue())
			.toList()).as("console warnings and errors").isEmpty();
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

		@Bean
		ToolModel toolModel() {
			return new ToolModel();
		}

		@Bean
		OrderTool orderTool() {
			return new OrderTool();
		}

		@Bean
		ToolAgent toolAgent(ToolModel model, OrderTool tool) {
			return new ToolAgent(model, tool);
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

		@LlmChain(name = "small-trace")
		public int small(int index) {
			return this.step.step(index);
		}

	}

	static class ToolModel {

		/** Records a tool-calling conversation the way the Spring AI enrichment does. */
		@LlmCall(provider = "test", model = INJECTION)
		public String chat(String question) {
			io.opentelemetry.api.trace.Span span = io.opentelemetry.api.trace.Span.current();
			String[][] messages = { { "system", "You answer order questions." }, { "user", question },
					{ "assistant", null }, { "tool", "{\"status\": \"shipped\"}" } };
			for (int i = 0; i < messages.length; i++) {
				span.setAttribute("llm.input_messages." + i + ".message.role", messages[i][0]);
				if (messages[i][1] != null) {
					span.setAttribute("llm.input_messages." + i + ".message.content", messages[i][1]);
				}
			}
			String call = "llm.input_messages.2.message.tool_calls.0.tool_call.";
			span.setAttribute(call + "id", "call-1");
			span.setAttribute(call + "function.name", "lookup_order");
			span.setAttribute(call + "function.arguments",
					"{\"order\":\"A-42\",\"note\":\"" + INJECTION.replace("\"", "'") + "\"}");
			span.setAttribute("llm.input_messages.3.message.tool_call_id", "call-1");
			span.setAttribute("llm.token_count.prompt", 120L);
			span.setAttribute("llm.token_count.completion", 30L);
			span.setAttribute("llm.token_count.total", 150L);
			span.setAttribute(io.opentelemetry.api.common.AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"),
					List.of("stop"));
			String answer = "Order A-42 has shipped. " + INJECTION;
			span.setAttribute("llm.output_messages.0.message.role", "assistant");
			span.setAttribute("llm.output_messages.0.message.content", answer);
			return answer;
		}

	}

	static class OrderTool {

		@LlmTool(name = "lookup_order")
		public String lookup(String order) {
			return "{\"order\": \"" + order + "\", \"status\": \"shipped\"}";
		}

	}

	record AgentOutput(String traceId, String text) {
	}

	static class ToolAgent {

		private final ToolModel model;

		private final OrderTool tool;

		ToolAgent(ToolModel model, OrderTool tool) {
			this.model = model;
			this.tool = tool;
		}

		@LlmChain(name = "tool-agent")
		public AgentOutput run(String question) {
			this.tool.lookup("A-42");
			String answer;
			try (LlmObsScope prompt = LlmObs.promptTemplate(INJECTION, INJECTION, Map.of("question", question))) {
				answer = this.model.chat(question);
			}
			LlmObs.submitEvaluation(INJECTION, false, "fail", INJECTION);
			return new AgentOutput(io.opentelemetry.api.trace.Span.current().getSpanContext().getTraceId(), answer);
		}

	}

}
