package io.paygate.docs;

import io.paygate.platform.security.ApiCaller;
import io.paygate.platform.web.ApiContract;
import io.paygate.platform.web.CallContext;
import io.paygate.platform.wire.RawParams;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.DeleteMapping;

/**
 * {@code /openapi.json}: generated from the controllers (paths), their {@link ApiContract}s
 * (parameters from the request records the handlers bind to) and the features' own rendering code
 * (response schemas).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(RawParams.class, CallContext.class, ApiCaller.class,
                HttpServletRequest.class);
    }

    @Bean
    OpenAPI paygateOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Paygate API").version("v1").description("A self-hosted payment gateway whose API "
                        + "is wire-compatible with Stripe's. Requests are form-encoded with bracket notation or JSON; "
                        + "amounts are integers in the currency's minor unit."))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A secret (sk_), restricted (rk_) or publishable (pk_) key, or the admin token "
                                        + "for /v1/merchants and /v1/api_keys. HTTP Basic with the key as user name works too.")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }

    @Bean
    OpenApiCustomizer paygateSchemas() {
        return openApi -> ResourceSamples.all().forEach((name, sample) ->
                openApi.getComponents().addSchemas(name, SampleSchemas.of(sample)));
    }

    @Bean
    OperationCustomizer paygateOperations() {
        return (operation, handler) -> {
            ApiContract contract = handler.getMethodAnnotation(ApiContract.class);
            if (contract == null) {
                return operation;
            }
            operation.summary(contract.summary());
            boolean query = handler.hasMethodAnnotation(GetMapping.class) || handler.hasMethodAnnotation(DeleteMapping.class);
            if (query) {
                for (Parameter parameter : RecordSchemas.queryParameters(contract.params())) {
                    operation.addParametersItem(parameter);
                }
            } else {
                Schema<?> body = RecordSchemas.bodySchema(contract.params());
                operation.requestBody(new RequestBody().content(new Content()
                        .addMediaType("application/x-www-form-urlencoded", new MediaType().schema(body))
                        .addMediaType("application/json", new MediaType().schema(body)))
                        .description("Form-encoded with Stripe's bracket notation (metadata[key]=value, expand[]=field) or JSON."));
                operation.addParametersItem(new Parameter().in("header").name("Idempotency-Key").required(false)
                        .schema(new StringSchema().maxLength(255))
                        .description("Runs the request at most once; retries with the same key get the first answer."));
            }
            operation.responses(responses(contract));
            return operation;
        };
    }

    private static ApiResponses responses(ApiContract contract) {
        Schema<?> object = new Schema<>().$ref("#/components/schemas/" + contract.returns());
        Schema<?> success = switch (contract.shape()) {
            case OBJECT -> object;
            case LIST -> new ObjectSchema().addProperty("object", new StringSchema()._enum(java.util.List.of("list")))
                    .addProperty("data", new ArraySchema().items(object)).addProperty("has_more", new BooleanSchema())
                    .addProperty("url", new StringSchema());
            case SEARCH_RESULT -> new ObjectSchema().addProperty("object", new StringSchema()._enum(java.util.List.of("search_result")))
                    .addProperty("data", new ArraySchema().items(object)).addProperty("has_more", new BooleanSchema())
                    .addProperty("next_page", new StringSchema().nullable(true)).addProperty("url", new StringSchema());
        };
        Schema<?> error = new Schema<>().$ref("#/components/schemas/error");
        ApiResponses responses = new ApiResponses().addApiResponse("200", json("OK", success));
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        errors.put("400", "invalid_request_error or idempotency_error");
        errors.put("401", "authentication_error: missing or invalid key");
        if (contract.cardErrors()) {
            errors.put("402", "card_error: the card was declined or is invalid");
        }
        errors.put("403", "permission_error: the key may not do this");
        errors.put("404", "invalid_request_error: no such object for this merchant and mode");
        errors.put("409", "idempotency_error: a request with this Idempotency-Key is still running");
        errors.put("413", "invalid_request_error: the body is larger than 1 MB");
        errors.put("500", "api_error");
        errors.forEach((status, description) -> responses.addApiResponse(status, json(description, error)));
        return responses;
    }

    private static ApiResponse json(String description, Schema<?> schema) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType("application/json", new MediaType().schema(schema)));
    }
}
