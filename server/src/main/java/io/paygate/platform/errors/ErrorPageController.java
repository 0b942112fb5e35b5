package io.paygate.platform.errors;

import io.paygate.platform.web.ApiResponses;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised before Paygate's code runs (by the servlet container) also answer Stripe's error object. */
@RestController
public class ErrorPageController implements ErrorController {

    private final ApiResponses responses;

    public ErrorPageController(ApiResponses responses) {
        this.responses = responses;
    }

    @RequestMapping("/error")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ApiException error = switch (status) {
            case 404, 405 -> ApiException.unrecognizedUrl(request.getMethod(), uri == null ? "" : uri.toString());
            case 413 -> new ApiException(413, "invalid_request_error", "request_too_large",
                    "The request body is larger than the limit of 1 MB.", null, null, null);
            case 400 -> ApiException.invalidRequest("The request could not be read.");
            default -> status >= 500 ? ApiException.api("An unexpected error occurred in Paygate.")
                    : new ApiException(status, "invalid_request_error", null, "The request could not be handled.", null, null, null);
        };
        return ApiResponses.of(error.status(), responses.write(error.body()));
    }
}
