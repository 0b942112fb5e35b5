package io.paygate.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.support.PaygateIT;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.EmbeddedValueResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/** Every route of the running application is found by the indexed lookup as by Spring's own. */
class HandlerLookupIT extends PaygateIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    RequestMappingHandlerMapping requestMappingHandlerMapping;

    @Test
    void everyRouteResolvesAsWithThePlainLookup() throws Exception {
        assertThat(requestMappingHandlerMapping).isInstanceOf(IndexedHandlerMapping.class);
        RequestMappingHandlerMapping plain = new RequestMappingHandlerMapping();
        plain.setEmbeddedValueResolver(new EmbeddedValueResolver(((ConfigurableApplicationContext) context).getBeanFactory()));
        plain.setContentNegotiationManager(requestMappingHandlerMapping.getContentNegotiationManager());
        plain.setPatternParser(requestMappingHandlerMapping.getPatternParser());
        IndexedHandlerMappingTest.initialized(plain, context);

        List<String[]> requests = new ArrayList<>();
        for (RequestMappingInfo info : requestMappingHandlerMapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                String path = pattern.getPatternString()
                        .replaceAll("\\{\\*[^}]+}", "a/b")
                        .replaceAll("\\{[^}]+}", "x_1")
                        .replace("**", "a/b")
                        .replace("*", "x");
                for (String method : List.of("GET", "POST", "DELETE")) {
                    requests.add(new String[] {method, path});
                }
                methods.forEach(method -> requests.add(new String[] {method.name(), path + "/"}));
            }
        }
        assertThat(requests).hasSizeGreaterThan(200);
        IndexedHandlerMappingTest.assertSameAnswers(requestMappingHandlerMapping, plain, requests);
    }

    @Test
    void aRetrieveTestsAFewMappingsNotAll() {
        IndexedHandlerMapping indexed = (IndexedHandlerMapping) requestMappingHandlerMapping;
        int all = indexed.getHandlerMethods().size();
        assertThat(all).isGreaterThan(60);
        assertThat(indexed.candidatesFor("/v1/payment_intents/pi_123")).isLessThan(all / 5);
    }
}
