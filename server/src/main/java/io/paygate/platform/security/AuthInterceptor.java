package io.paygate.platform.security;

import io.paygate.platform.errors.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every API call and checks its key against the endpoint's {@link Access}. Test and
 * live mode are decided here, once, from the key.
 */
@Component
public class AuthInterceptor implements HandlerInterceptor {

    public static final String CALLER_ATTRIBUTE = AuthInterceptor.class.getName() + ".caller";

    private final ApiKeyAuthenticator authenticator;
    private final AdminToken adminToken;

    public AuthInterceptor(ApiKeyAuthenticator authenticator, AdminToken adminToken) {
        this.authenticator = authenticator;
        this.adminToken = adminToken;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        boolean admin = method.hasMethodAnnotation(AdminOnly.class) || method.getBeanType().isAnnotationPresent(AdminOnly.class);
        Access access = method.getMethodAnnotation(Access.class);
        if (!admin && access == null) {
            return true;
        }
        String presented = PresentedCredential.from(request);
        if (presented == null) {
            throw ApiException.authentication("You did not provide an API key. You need to provide your API key in the "
                    + "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        }
        if (admin) {
            if (!adminToken.value().matches(presented)) {
                throw ApiException.authentication("Invalid admin token provided.");
            }
            MDC.put("merchant", "platform");
            return true;
        }
        ApiCaller caller = authenticator.authenticate(presented)
                .orElseThrow(() -> ApiException.authentication("Invalid API Key provided: " + PresentedCredential.redact(presented)));
        checkAccess(caller, access);
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        MDC.put("merchant", caller.merchantId());
        MDC.put("mode", caller.mode());
        return true;
    }

    private static void checkAccess(ApiCaller caller, Access access) {
        switch (caller.kind()) {
            case SECRET -> {
            }
            case PUBLISHABLE -> {
                if (!access.publishable()) {
                    throw ApiException.permission("This API call cannot be made with a publishable API key. "
                            + "Please use a secret API key.");
                }
            }
            case RESTRICTED -> {
                String granted = caller.permissions().getOrDefault(access.resource(), "none");
                boolean allowed = switch (access.level()) {
                    case READ -> granted.equals("read") || granted.equals("write");
                    case WRITE -> granted.equals("write");
                };
                if (!allowed) {
                    throw ApiException.permission("The provided key does not have the required permissions for this "
                            + "endpoint. Having the '" + access.resource() + "_" + access.level().name().toLowerCase(java.util.Locale.ROOT)
                            + "' permission would allow this request to continue.");
                }
            }
        }
    }
}
