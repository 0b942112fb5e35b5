package io.paygate.platform.errors;

import io.paygate.platform.web.ApiResponses;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every failure leaves as a Stripe error object; unexpected ones are logged once and answered 500. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ApiResponses responses;

    public ApiExceptionHandler(ApiResponses responses) {
        this.responses = responses;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<String> api(ApiException e) {
        return ApiResponses.of(e.status(), responses.write(e.body()));
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class,
            HttpRequestMethodNotSupportedException.class})
    ResponseEntity<String> unknownRoute(HttpServletRequest request) {
        return api(ApiException.unrecognizedUrl(request.getMethod(), request.getRequestURI()));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<String> notAcceptable() {
        return api(ApiException.invalidRequest("Paygate answers application/json only."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e) {
        log.error("Unexpected error while handling an API request", e);
        return api(ApiException.api("An unexpected error occurred in Paygate. The request id identifies it in the server log."));
    }
}
