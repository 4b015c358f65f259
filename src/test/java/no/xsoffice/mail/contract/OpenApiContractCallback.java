package no.xsoffice.mail.contract;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Puts the {@link OpenApiContract} filter among REST Assured's global filters before every {@code @QuarkusTest}
 * method, so that no test can call the service around it. Registered in META-INF/services: Quarkus runs it in the
 * class loader the test runs in, and so reaches the RestAssured class the test calls (a plain JUnit extension runs
 * in another loader and would set the filters of a RestAssured class no test uses).
 */
public class OpenApiContractCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        OpenApiContract.currentTest(context.getTestInstance().getClass().getSimpleName() + "."
                + context.getTestMethod().getName());
        synchronized (OpenApiContractCallback.class) {
            if (RestAssured.filters().stream().noneMatch(OpenApiContract.class::isInstance)) {
                RestAssured.filters(new OpenApiContract());
            }
        }
    }
}
