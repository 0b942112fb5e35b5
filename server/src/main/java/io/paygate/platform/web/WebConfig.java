package io.paygate.platform.web;

import io.paygate.platform.security.AuthInterceptor;
import io.paygate.platform.security.CallerResolver;
import java.util.List;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final AuthInterceptor authInterceptor;
    private final CallerResolver callerResolver;
    private final CallContextResolver callContextResolver;
    private final RawParamsResolver rawParamsResolver;

    WebConfig(AuthInterceptor authInterceptor, CallerResolver callerResolver, CallContextResolver callContextResolver,
              RawParamsResolver rawParamsResolver) {
        this.authInterceptor = authInterceptor;
        this.callerResolver = callerResolver;
        this.callContextResolver = callContextResolver;
        this.rawParamsResolver = rawParamsResolver;
    }

    /** Annotated handlers are looked up through {@link IndexedHandlerMapping}. */
    @Bean
    static WebMvcRegistrations indexedHandlerMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new IndexedHandlerMapping();
            }
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(authInterceptor);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(callerResolver);
        resolvers.add(callContextResolver);
        resolvers.add(rawParamsResolver);
    }
}
