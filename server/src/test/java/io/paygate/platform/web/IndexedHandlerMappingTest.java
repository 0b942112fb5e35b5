package io.paygate.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

class IndexedHandlerMappingTest {

    @RestController
    static class Things {
        @GetMapping("/v1/things") void list() { }
        @PostMapping("/v1/things") void create() { }
        @GetMapping("/v1/things/search") void search() { }
        @GetMapping("/v1/things/{id}") void retrieve() { }
        @PostMapping("/v1/things/{id}") void update() { }
        @PostMapping("/v1/things/{id}/cancel") void cancel() { }
        @GetMapping({"/v1/others/{id}", "/v2/others/{id}"}) void twoPatterns() { }
        @GetMapping("/healthz") void health() { }
        @GetMapping("/{tenant}/portal") void tenantPortal() { }
        @GetMapping("/files/**") void files() { }
        @GetMapping("/v1/{kind}/count") void count() { }
        @GetMapping("/") void root() { }
    }

    /** Counts the mappings each lookup tests. */
    static class Counting extends IndexedHandlerMapping {
        final AtomicInteger tested = new AtomicInteger();

        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
            tested.incrementAndGet();
            return super.getMatchingMapping(info, request);
        }
    }

    private static final List<String[]> REQUESTS = List.of(
            new String[] {"GET", "/v1/things"}, new String[] {"POST", "/v1/things"},
            new String[] {"GET", "/v1/things/search"}, new String[] {"POST", "/v1/things/search"},
            new String[] {"GET", "/v1/things/th_1"}, new String[] {"HEAD", "/v1/things/th_1"},
            new String[] {"POST", "/v1/things/th_1"}, new String[] {"DELETE", "/v1/things/th_1"},
            new String[] {"POST", "/v1/things/th_1/cancel"}, new String[] {"GET", "/v1/things/th_1/cancel"},
            new String[] {"OPTIONS", "/v1/things/th_1"},
            new String[] {"GET", "/v1/things/"}, new String[] {"GET", "/v1/things/th_1/"},
            new String[] {"GET", "/v1/others/o_1"}, new String[] {"GET", "/v2/others/o_1"},
            new String[] {"GET", "/healthz"}, new String[] {"GET", "/healthz/"},
            new String[] {"GET", "/acme/portal"}, new String[] {"GET", "/v1/portal"},
            new String[] {"GET", "/files/a/b.txt"}, new String[] {"GET", "/files"},
            new String[] {"GET", "/v1/things/count"}, new String[] {"GET", "/v1/widgets/count"},
            new String[] {"GET", "/v1/th%69ngs/th_1"}, new String[] {"GET", "/v1/things/th%5F1"},
            new String[] {"GET", "/v1/things;a=b/th_1"},
            new String[] {"GET", "/"}, new String[] {"GET", "/nothing"}, new String[] {"GET", "/v1/nothing/x"});

    @Test
    void findsWhatThePlainLookupFinds() throws Exception {
        ApplicationContext context = contextWith(Things.class);
        assertSameAnswers(initialized(new IndexedHandlerMapping(), context), initialized(new RequestMappingHandlerMapping(), context),
                REQUESTS);
    }

    @Test
    void testsOnlyTheMappingsFiledUnderThePathsFirstTwoSegments() throws Exception {
        Counting mapping = initialized(new Counting(), contextWith(Things.class));
        int all = mapping.getHandlerMethods().size();

        assertThat(lookUp(mapping, "GET", "/v1/things/th_1")).isNotNull();
        // Six filed under v1/things and four that could match any path (the tenant's portal, the count by kind,
        // files/**, the root).
        assertThat(mapping.tested.get()).isEqualTo(10).isLessThan(all);
        assertThat(mapping.candidatesFor("/v1/things/th_1")).isEqualTo(10);
        assertThat(mapping.candidatesFor("/v1/others/o_1")).isEqualTo(5);

        // Two match (search and {id}): the plain lookup decides, and prefers the literal path.
        assertThat(((HandlerMethod) lookUp(mapping, "GET", "/v1/things/search")).getMethod().getName()).isEqualTo("search");
    }

    @Test
    void aMappingRegisteredLaterIsSeenByTheNextLookup() throws Exception {
        IndexedHandlerMapping mapping = initialized(new IndexedHandlerMapping(), contextWith(Things.class));
        assertThat(((HandlerMethod) lookUp(mapping, "GET", "/v1/things/special")).getMethod().getName()).isEqualTo("retrieve");

        // A literal path beside {id}: the lookup must now see two matches and prefer the literal one.
        mapping.registerMapping(RequestMappingInfo.paths("/v1/things/special").methods(RequestMethod.GET)
                .options(mapping.getBuilderConfiguration()).build(), new Things(), Things.class.getDeclaredMethod("list"));
        assertThat(((HandlerMethod) lookUp(mapping, "GET", "/v1/things/special")).getMethod().getName()).isEqualTo("list");

        mapping.unregisterMapping(RequestMappingInfo.paths("/v1/things/special").methods(RequestMethod.GET)
                .options(mapping.getBuilderConfiguration()).build());
        assertThat(((HandlerMethod) lookUp(mapping, "GET", "/v1/things/special")).getMethod().getName()).isEqualTo("retrieve");
    }

    @Test
    void aPreflightGoesToThePlainLookup() throws Exception {
        Counting mapping = initialized(new Counting(), contextWith(Things.class));
        MockHttpServletRequest request = request("OPTIONS", "/v1/things/th_1");
        request.addHeader(HttpHeaders.ORIGIN, "https://shop.test");
        request.addHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET");
        ServletRequestPathUtils.parseAndCache(request);
        mapping.getHandler(request);
        assertThat(mapping.tested.get()).isEqualTo(mapping.getHandlerMethods().size());
    }

    @Test
    void keysAreTheFirstTwoSegments() {
        assertThat(IndexedHandlerMapping.keyOf("/v1/payment_intents/pi_1")).isEqualTo("v1/payment_intents");
        assertThat(IndexedHandlerMapping.keyOf("/v1/payment_intents")).isEqualTo("v1/payment_intents");
        assertThat(IndexedHandlerMapping.keyOf("/healthz")).isEqualTo("healthz/");
        assertThat(IndexedHandlerMapping.keyOf("/v1/")).isEqualTo("v1/");
        assertThat(IndexedHandlerMapping.keyOf("/")).isNull();
        assertThat(IndexedHandlerMapping.keyOf("//v1/x")).isNull();
        assertThat(IndexedHandlerMapping.keyOf("/v1/p%61yment_intents/pi_1")).isNull();
    }

    static ApplicationContext contextWith(Class<?>... controllers) {
        StaticWebApplicationContext context = new StaticWebApplicationContext();
        context.setServletContext(new MockServletContext());
        for (Class<?> controller : controllers) {
            context.registerSingleton(controller.getSimpleName(), controller);
        }
        context.refresh();
        return context;
    }

    static <M extends RequestMappingHandlerMapping> M initialized(M mapping, ApplicationContext context) {
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping;
    }

    /** Asks both mappings for each request; the handler, its path variables and any exception must agree. */
    static void assertSameAnswers(RequestMappingHandlerMapping indexed, RequestMappingHandlerMapping plain,
                                  List<String[]> requests) throws Exception {
        List<String> differences = new ArrayList<>();
        for (String[] methodAndPath : requests) {
            String got = answer(indexed, methodAndPath[0], methodAndPath[1]);
            String expected = answer(plain, methodAndPath[0], methodAndPath[1]);
            if (!Objects.equals(got, expected)) {
                differences.add(String.join(" ", methodAndPath) + ": " + got + " instead of " + expected);
            }
        }
        assertThat(differences).isEmpty();
    }

    private static String answer(RequestMappingHandlerMapping mapping, String method, String path) {
        MockHttpServletRequest request = request(method, path);
        try {
            ServletRequestPathUtils.parseAndCache(request);
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null) {
                return "none";
            }
            Object handler = chain.getHandler();
            String name = handler instanceof HandlerMethod method1 ? method1.getMethod().getName() : String.valueOf(handler);
            Map<?, ?> variables = (Map<?, ?>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            return name + " " + variables + " " + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    static Object lookUp(RequestMappingHandlerMapping mapping, String method, String path) throws Exception {
        MockHttpServletRequest request = request(method, path);
        ServletRequestPathUtils.parseAndCache(request);
        HandlerExecutionChain chain = mapping.getHandler(request);
        return chain == null ? null : chain.getHandler();
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRequestURI(path);
        return request;
    }
}
