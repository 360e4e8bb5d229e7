package dev.llmobs.sample.tools;

import java.util.Map;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;

/**
 * A tool the model can call to look up a customer's plan. Spring AI runs it when the
 * model asks; llmobs records each execution as a {@code TOOL} span with its arguments and
 * result, and an unknown customer (the tool throws) as a failed one.
 */
@Component
public class CustomerPlans {

	private static final Map<String, String> PLANS = Map.of("C-1001", "Starter (1 seat, email support)", "C-2002",
			"Team (10 seats, chat support)", "C-3003", "Enterprise (unlimited seats, 24/7 phone support)");

	/**
	 * The plan of a customer.
	 * @param customerId the customer's id, such as {@code C-1001}
	 * @return the plan and what it includes
	 */
	@Tool(description = "Looks up the subscription plan a customer is on, by customer id (such as C-1001)")
	public String lookUpPlan(@ToolParam(description = "The customer id, such as C-1001") String customerId) {
		String plan = PLANS.get(customerId.trim().toUpperCase(java.util.Locale.ROOT));
		if (plan == null) {
			throw new IllegalArgumentException("No customer with id " + customerId);
		}
		return plan;
	}

}
