package com.infusionoutcomes.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.infusionoutcomes.alert.AlertResponse;
import com.infusionoutcomes.alert.AlertRule;
import com.infusionoutcomes.alert.AlertSeverity;
import com.infusionoutcomes.alert.AlertStatus;
import com.infusionoutcomes.alert.ResolveRequest;
import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditEventResponse;
import com.infusionoutcomes.audit.AuditOutcome;
import com.infusionoutcomes.auth.ChangePasswordRequest;
import com.infusionoutcomes.auth.EnrollRequest;
import com.infusionoutcomes.auth.EnrollmentCodeResponse;
import com.infusionoutcomes.auth.PasswordResetCodeResponse;
import com.infusionoutcomes.auth.PasswordResetRequest;
import com.infusionoutcomes.auth.RefreshRequest;
import com.infusionoutcomes.auth.TokenRequest;
import com.infusionoutcomes.auth.TokenResponse;
import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.careteam.CareTeamMemberResponse;
import com.infusionoutcomes.careteam.CareTeamRequest;
import com.infusionoutcomes.checkin.CheckInBatchRequest;
import com.infusionoutcomes.checkin.CheckInBatchResponse;
import com.infusionoutcomes.checkin.CheckInBatchResult;
import com.infusionoutcomes.checkin.CheckInContext;
import com.infusionoutcomes.checkin.CheckInCorrection;
import com.infusionoutcomes.checkin.CheckInHistory;
import com.infusionoutcomes.checkin.CheckInRequest;
import com.infusionoutcomes.checkin.CheckInResponse;
import com.infusionoutcomes.checkin.CheckInStatus;
import com.infusionoutcomes.checkin.CheckInVersion;
import com.infusionoutcomes.checkin.Scores;
import com.infusionoutcomes.clinic.ClinicResponse;
import com.infusionoutcomes.idempotency.Idempotency;
import com.infusionoutcomes.idempotency.NeverReplayed;
import com.infusionoutcomes.outcome.ClinicOutcomes;
import com.infusionoutcomes.paging.Page;
import com.infusionoutcomes.patient.Condition;
import com.infusionoutcomes.patient.PatientRequest;
import com.infusionoutcomes.patient.PatientResponse;
import com.infusionoutcomes.problem.Problem;
import com.infusionoutcomes.questionnaire.BandRange;
import com.infusionoutcomes.questionnaire.Instrument;
import com.infusionoutcomes.questionnaire.InstrumentItem;
import com.infusionoutcomes.questionnaire.InstrumentResponse;
import com.infusionoutcomes.questionnaire.QuestionnaireResponseRequest;
import com.infusionoutcomes.questionnaire.QuestionnaireResponseView;
import com.infusionoutcomes.questionnaire.ResponseOption;
import com.infusionoutcomes.questionnaire.ScoringRule;
import com.infusionoutcomes.questionnaire.SeverityBand;
import com.infusionoutcomes.report.PanelRow;
import com.infusionoutcomes.session.SessionRequest;
import com.infusionoutcomes.session.SessionResponse;
import com.infusionoutcomes.session.SessionStatus;
import com.infusionoutcomes.session.Severity;
import com.infusionoutcomes.session.SideEffect;
import com.infusionoutcomes.session.SideEffectType;
import com.infusionoutcomes.session.VitalSign;
import com.infusionoutcomes.trend.BaselineMethod;
import com.infusionoutcomes.trend.BoosterForecast;
import com.infusionoutcomes.trend.BoosterStatus;
import com.infusionoutcomes.trend.Category;
import com.infusionoutcomes.trend.Direction;
import com.infusionoutcomes.trend.Domain;
import com.infusionoutcomes.trend.Granularity;
import com.infusionoutcomes.trend.Measure;
import com.infusionoutcomes.trend.Trend;
import com.infusionoutcomes.trend.TrendOverview;
import com.infusionoutcomes.user.NewUserRequest;
import com.infusionoutcomes.user.UserResponse;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * openapi/openapi.yaml is the contract. This proves three things: the service serves exactly that file; every
 * operation, parameter and media type in it is implemented by a resource method and nothing else is; and every
 * schema matches the Java record or enum behind it, down to required fields and bounds.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path CONTRACT = Path.of("openapi/openapi.yaml");

    /** The Java type behind each schema; a schema missing here fails the test, so none goes unchecked. */
    private static final Map<String, Class<?>> SCHEMA_TYPES = Map.ofEntries(
            Map.entry("Patient", PatientResponse.class),
            Map.entry("PatientRequest", PatientRequest.class),
            Map.entry("PatientPatch", PatientRequest.class),
            Map.entry("PatientPage", Page.class),
            Map.entry("Condition", Condition.class),
            Map.entry("InfusionSession", SessionResponse.class),
            Map.entry("InfusionSessionRequest", SessionRequest.class),
            Map.entry("InfusionSessionPatch", SessionRequest.class),
            Map.entry("InfusionSessionPage", Page.class),
            Map.entry("SessionStatus", SessionStatus.class),
            Map.entry("VitalSign", VitalSign.class),
            Map.entry("SideEffect", SideEffect.class),
            Map.entry("SideEffectType", SideEffectType.class),
            Map.entry("Severity", Severity.class),
            Map.entry("CheckIn", CheckInResponse.class),
            Map.entry("CheckInRequest", CheckInRequest.class),
            Map.entry("CheckInPage", Page.class),
            Map.entry("CheckInContext", CheckInContext.class),
            Map.entry("CheckInStatus", CheckInStatus.class),
            Map.entry("CheckInPatch", CheckInCorrection.class),
            Map.entry("CheckInVersion", CheckInVersion.class),
            Map.entry("CheckInHistory", CheckInHistory.class),
            Map.entry("CheckInBatchRequest", CheckInBatchRequest.class),
            Map.entry("CheckInBatchResult", CheckInBatchResult.class),
            Map.entry("CheckInBatchOutcome", CheckInBatchResult.Outcome.class),
            Map.entry("CheckInBatchResponse", CheckInBatchResponse.class),
            Map.entry("Scores", Scores.class),
            Map.entry("Clinic", ClinicResponse.class),
            Map.entry("TokenRequest", TokenRequest.class),
            Map.entry("RefreshRequest", RefreshRequest.class),
            Map.entry("TokenResponse", TokenResponse.class),
            Map.entry("EnrollRequest", EnrollRequest.class),
            Map.entry("EnrollmentCode", EnrollmentCodeResponse.class),
            Map.entry("PasswordResetCode", PasswordResetCodeResponse.class),
            Map.entry("ChangePasswordRequest", ChangePasswordRequest.class),
            Map.entry("PasswordResetRequest", PasswordResetRequest.class),
            Map.entry("NewUserRequest", NewUserRequest.class),
            Map.entry("User", UserResponse.class),
            Map.entry("UserPage", Page.class),
            Map.entry("Role", Role.class),
            Map.entry("CareTeamMember", CareTeamMemberResponse.class),
            Map.entry("CareTeamMemberRequest", CareTeamRequest.class),
            Map.entry("AuditEvent", AuditEventResponse.class),
            Map.entry("AuditEventPage", Page.class),
            Map.entry("AuditAction", AuditAction.class),
            Map.entry("AuditOutcome", AuditOutcome.class),
            Map.entry("Domain", Domain.class),
            Map.entry("TrendMeasure", Measure.class),
            Map.entry("Direction", Direction.class),
            Map.entry("Granularity", Granularity.class),
            Map.entry("Category", Category.class),
            Map.entry("BaselineMethod", BaselineMethod.class),
            Map.entry("Trend", Trend.class),
            Map.entry("TrendBaseline", Trend.Baseline.class),
            Map.entry("TrendLatest", Trend.Latest.class),
            Map.entry("TrendCurrent", Trend.Current.class),
            Map.entry("TrendSeriesPoint", Trend.SeriesPoint.class),
            Map.entry("TrendSessionEffect", Trend.SessionEffect.class),
            Map.entry("TrendAdherence", Trend.Adherence.class),
            Map.entry("TrendBoosterForecast", BoosterForecast.class),
            Map.entry("BoosterStatus", BoosterStatus.class),
            Map.entry("TrendOverview", TrendOverview.class),
            Map.entry("PanelRow", PanelRow.class),
            Map.entry("PanelPage", Page.class),
            Map.entry("ClinicOutcomes", ClinicOutcomes.class),
            Map.entry("OutcomeRetentionStep", ClinicOutcomes.RetentionStep.class),
            Map.entry("OutcomeCategoryCount", ClinicOutcomes.CategoryCount.class),
            Map.entry("OutcomeProportion", ClinicOutcomes.Proportion.class),
            Map.entry("OutcomeDurability", ClinicOutcomes.Durability.class),
            Map.entry("OutcomeCurvePoint", ClinicOutcomes.CurvePoint.class),
            Map.entry("OutcomePhq9", ClinicOutcomes.Phq9Outcomes.class),
            Map.entry("InstrumentCode", Instrument.class),
            Map.entry("ScoringRule", ScoringRule.class),
            Map.entry("SeverityBand", SeverityBand.class),
            Map.entry("Instrument", InstrumentResponse.class),
            Map.entry("InstrumentItem", InstrumentItem.class),
            Map.entry("ResponseOption", ResponseOption.class),
            Map.entry("InstrumentBand", BandRange.class),
            Map.entry("QuestionnaireResponseRequest", QuestionnaireResponseRequest.class),
            Map.entry("QuestionnaireResponse", QuestionnaireResponseView.class),
            Map.entry("QuestionnaireResponsePage", Page.class),
            Map.entry("AlertRule", AlertRule.class),
            Map.entry("AlertSeverity", AlertSeverity.class),
            Map.entry("AlertStatus", AlertStatus.class),
            Map.entry("Alert", AlertResponse.class),
            Map.entry("AlertPage", Page.class),
            Map.entry("AlertResolveRequest", ResolveRequest.class),
            Map.entry("Problem", Problem.class),
            Map.entry("FieldError", Problem.FieldError.class));

    private static final ObjectMapper JSON = new ObjectMapper();

    private static OpenAPI contract;

    @BeforeAll
    static void readContract() throws IOException {
        contract = parse(Files.readString(CONTRACT), false);
    }

    private static OpenAPI parse(String text, boolean resolve) {
        ParseOptions options = new ParseOptions();
        options.setResolve(resolve);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertNotNull(result.getOpenAPI(), () -> "unreadable OpenAPI document: " + result.getMessages());
        assertEquals(List.of(), result.getMessages(), "OpenAPI document problems");
        return result.getOpenAPI();
    }

    @Test
    void shouldServeTheContractFileUnchanged() throws IOException {
        String served = given().accept("application/yaml").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        JsonNode servedTree = Yaml31.mapper().valueToTree(parse(served, false));
        JsonNode fileTree = Yaml31.mapper().valueToTree(parse(Files.readString(CONTRACT), false));
        assertEquals(null, firstDifference("", fileTree, servedTree), "served document differs from the file at");
    }

    /** The JSON pointer of the first place two documents differ, or null; keeps failure messages readable. */
    private static String firstDifference(String at, JsonNode expected, JsonNode actual) {
        if (expected.equals(actual)) {
            return null;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!expected.has(name) || !actual.has(name)) {
                    return at + "/" + name + (expected.has(name) ? " (missing when served)" : " (only when served)");
                }
                String inner = firstDifference(at + "/" + name, expected.get(name), actual.get(name));
                if (inner != null) {
                    return inner;
                }
            }
        }
        return at + ": " + expected + " vs " + actual;
    }

    @Test
    void shouldDocumentExactlyTheOperationsTheCodeImplements() throws Exception {
        Map<String, String> implemented = new TreeMap<>();
        for (Class<?> resource : applicationClasses()) {
            jakarta.ws.rs.Path root = resource.getAnnotation(jakarta.ws.rs.Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                String path = root.value() + (sub == null ? "" : sub.value());
                implemented.put(verb + " " + path, describe(verb, method));
            }
        }
        Map<String, String> documented = new TreeMap<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((verb, op) -> documented.put(verb.name() + " " + path, describe(item, op))));
        Map<String, String> onlyDocumented = new TreeMap<>(documented);
        onlyDocumented.keySet().removeAll(implemented.keySet());
        Map<String, String> onlyImplemented = new TreeMap<>(implemented);
        onlyImplemented.keySet().removeAll(documented.keySet());
        Set<String> differing = new TreeSet<>();
        documented.forEach((k, v) -> {
            if (implemented.containsKey(k) && !implemented.get(k).equals(v)) {
                differing.add(k + ": file " + v + ", code " + implemented.get(k));
            }
        });
        assertEquals("", (onlyDocumented.isEmpty() ? "" : "only in the file: " + onlyDocumented.keySet() + "; ")
                + (onlyImplemented.isEmpty() ? "" : "only in the code: " + onlyImplemented.keySet() + "; ")
                + (differing.isEmpty() ? "" : "differing: " + differing));
    }

    /**
     * Open operations say so (`security: []`); every other one documents 401, and 403 exactly when some role may
     * not use it.
     */
    @Test
    void shouldDocumentWhoMayCallEachOperation() throws Exception {
        for (Class<?> resource : applicationClasses()) {
            jakarta.ws.rs.Path root = resource.getAnnotation(jakarta.ws.rs.Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                String path = root.value() + (sub == null ? "" : sub.value());
                Operation op = contract.getPaths().get(path).readOperationsMap()
                        .get(PathItem.HttpMethod.valueOf(verb));
                boolean open = method.isAnnotationPresent(PermitAll.class) || resource.isAnnotationPresent(PermitAll.class);
                RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class)
                        ? method.getAnnotation(RolesAllowed.class) : resource.getAnnotation(RolesAllowed.class);
                String where = verb + " " + path;
                if (open) {
                    assertEquals(List.of(), op.getSecurity(), where + " is open and must say security: []");
                    continue;
                }
                assertNotNull(roles, where + " has no explicit rule (deny by default would refuse everyone)");
                assertTrue(op.getSecurity() == null, where + " must use the global bearer requirement");
                assertTrue(op.getResponses().containsKey("401"), where + " documents no 401");
                assertEquals(roles.value().length < Role.values().length, op.getResponses().containsKey("403"),
                        where + " 403 documented iff some role is refused (" + List.of(roles.value()) + ")");
            }
        }
    }

    /** The media types an operation answers with (its `@Produces`, JSON by default) are those its 2xx document. */
    @Test
    void shouldDocumentTheMediaTypesEachOperationAnswersWith() throws Exception {
        Map<String, Set<String>> produced = new TreeMap<>();
        for (Class<?> resource : applicationClasses()) {
            jakarta.ws.rs.Path root = resource.getAnnotation(jakarta.ws.rs.Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                Produces produces = method.isAnnotationPresent(Produces.class) ? method.getAnnotation(Produces.class)
                        : resource.getAnnotation(Produces.class);
                produced.computeIfAbsent(verb + " " + root.value() + (sub == null ? "" : sub.value()),
                        k -> new TreeSet<>()).addAll(produces == null ? List.of("application/json")
                                : Arrays.asList(produces.value()));
            }
        }
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((verb, op) -> {
            Set<String> documented = new TreeSet<>();
            op.getResponses().forEach((status, declared) -> {
                ApiResponse response = deref(declared);
                if (status.startsWith("2") && response.getContent() != null) {
                    documented.addAll(response.getContent().keySet());
                }
            });
            String key = verb.name() + " " + path;
            if (!documented.isEmpty()) {
                assertEquals(produced.get(key), documented, key + " 2xx media types");
            }
        }));
    }

    @Test
    void shouldAnswerEveryErrorWithTheSharedProblemSchema() {
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((verb, op) -> {
            assertTrue(op.getResponses().containsKey("500"), verb + " " + path + " documents no 500");
            assertNotNull(op.getOperationId(), verb + " " + path + " has no operationId");
            op.getResponses().forEach((status, declared) -> {
                ApiResponse response = deref(declared);
                if (status.equals("204")) {
                    assertTrue(response.getContent() == null, verb + " " + path + " 204 has no body");
                } else if (status.startsWith("4") || status.startsWith("5")) {
                    Schema<?> schema = response.getContent().get(Problem.MEDIA_TYPE).getSchema();
                    assertEquals("Problem", schema.getTitle() != null ? schema.getTitle() : refName(schema),
                            verb + " " + path + " " + status);
                } else {
                    assertTrue(response.getContent() != null && !response.getContent().isEmpty(),
                            verb + " " + path + " " + status + " documents no body");
                }
            });
        }));
    }

    @Test
    void shouldDescribeEverySchemaAsTheJavaTypeBehindIt() {
        Map<String, Schema> schemas = contract.getComponents().getSchemas();
        assertEquals(new TreeSet<>(SCHEMA_TYPES.keySet()), new TreeSet<>(schemas.keySet()));
        schemas.forEach((name, schema) -> {
            Class<?> type = SCHEMA_TYPES.get(name);
            if (type.isEnum() || type.isSealed()) {
                // As the constants are written in JSON: a @JsonValue (Domain's "pain") is what a client sees. A
                // sealed interface of enums (Measure) is the union of their constants, in declaration order.
                List<String> constants = (type.isEnum() ? Stream.of(type) : Arrays.stream(type.getPermittedSubclasses()))
                        .flatMap(t -> Arrays.stream(t.getEnumConstants()))
                        .map(c -> JSON.convertValue(c, String.class)).toList();
                assertEquals(constants, schema.getEnum(), name + " enum");
                return;
            }
            RecordComponent[] components = type.getRecordComponents();
            assertEquals(Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new)),
                    new TreeSet<>(schema.getProperties().keySet()), name + " properties");
            boolean isPatch = name.endsWith("Patch");
            boolean isInput = name.endsWith("Request") || isPatch || Set.of("VitalSign", "SideEffect", "Scores").contains(name);
            if (isInput) {
                Object additional = schema.getAdditionalProperties();
                assertTrue(Boolean.FALSE.equals(additional)
                        || additional instanceof Schema<?> s && Boolean.FALSE.equals(s.getBooleanSchemaValue()),
                        name + " must refuse unknown properties");
                Set<String> required = isPatch ? Set.of() : Arrays.stream(components)
                        .filter(c -> constraint(c, NotNull.class) != null || constraint(c, NotBlank.class) != null)
                        .map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new));
                assertEquals(required, new TreeSet<>(schema.getRequired() == null ? List.of() : schema.getRequired()),
                        name + " required");
                for (RecordComponent component : components) {
                    assertEquals(bounds(component), bounds((Schema<?>) schema.getProperties().get(component.getName())),
                            name + "." + component.getName() + " bounds");
                }
            } else if (type.getAnnotation(com.fasterxml.jackson.annotation.JsonInclude.class) == null) {
                // Responses always carry every field, null or not, so integrators can rely on them.
                assertEquals(Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new)),
                        new TreeSet<>(schema.getRequired()), name + " required");
            }
        });
    }

    private static ApiResponse deref(ApiResponse response) {
        return response.get$ref() == null ? response
                : contract.getComponents().getResponses().get(lastSegment(response.get$ref()));
    }

    private static Parameter deref(Parameter parameter) {
        return parameter.get$ref() == null ? parameter
                : contract.getComponents().getParameters().get(lastSegment(parameter.get$ref()));
    }

    private static String lastSegment(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static Map<String, BigDecimal> bounds(RecordComponent c) {
        Map<String, BigDecimal> bounds = new TreeMap<>();
        Min min = constraint(c, Min.class);
        Max max = constraint(c, Max.class);
        DecimalMin decimalMin = constraint(c, DecimalMin.class);
        DecimalMax decimalMax = constraint(c, DecimalMax.class);
        Size size = constraint(c, Size.class);
        if (min != null) {
            bounds.put("minimum", BigDecimal.valueOf(min.value()));
        }
        if (max != null) {
            bounds.put("maximum", BigDecimal.valueOf(max.value()));
        }
        if (decimalMin != null) {
            bounds.put(decimalMin.inclusive() ? "minimum" : "exclusiveMinimum", new BigDecimal(decimalMin.value()));
        }
        if (decimalMax != null) {
            bounds.put(decimalMax.inclusive() ? "maximum" : "exclusiveMaximum", new BigDecimal(decimalMax.value()));
        }
        if (constraint(c, NotBlank.class) != null) {
            bounds.put("minLength", BigDecimal.ONE);
        }
        if (size != null) {
            boolean list = List.class.isAssignableFrom(c.getType());
            if (size.min() > 0) {
                bounds.put(list ? "minItems" : "minLength", BigDecimal.valueOf(size.min()));
            }
            if (size.max() < Integer.MAX_VALUE) {
                bounds.put(list ? "maxItems" : "maxLength", BigDecimal.valueOf(size.max()));
            }
        }
        return normalise(bounds);
    }

    /** Constraints written on a record component land on its field (their targets exclude record components). */
    private static <A extends Annotation> A constraint(RecordComponent c, Class<A> type) {
        try {
            return c.getDeclaringRecord().getDeclaredField(c.getName()).getAnnotation(type);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, BigDecimal> bounds(Schema<?> s) {
        Map<String, BigDecimal> bounds = new TreeMap<>();
        putIfPresent(bounds, "minimum", s.getMinimum());
        putIfPresent(bounds, "maximum", s.getMaximum());
        putIfPresent(bounds, "exclusiveMinimum", s.getExclusiveMinimumValue());
        putIfPresent(bounds, "exclusiveMaximum", s.getExclusiveMaximumValue());
        putIfPresent(bounds, "minLength", s.getMinLength() == null ? null : BigDecimal.valueOf(s.getMinLength()));
        putIfPresent(bounds, "maxLength", s.getMaxLength() == null ? null : BigDecimal.valueOf(s.getMaxLength()));
        putIfPresent(bounds, "minItems", s.getMinItems() == null ? null : BigDecimal.valueOf(s.getMinItems()));
        putIfPresent(bounds, "maxItems", s.getMaxItems() == null ? null : BigDecimal.valueOf(s.getMaxItems()));
        return normalise(bounds);
    }

    private static void putIfPresent(Map<String, BigDecimal> map, String key, BigDecimal value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Map<String, BigDecimal> normalise(Map<String, BigDecimal> bounds) {
        Map<String, BigDecimal> out = new TreeMap<>();
        bounds.forEach((k, v) -> out.put(k, v.stripTrailingZeros()));
        return out;
    }

    /**
     * Path, query and header parameters and body media types of a resource method. Idempotency-Key is read by
     * a filter on every POST whose answer may be stored (not those marked {@link NeverReplayed}), so such a
     * POST must document it too.
     */
    private static String describe(String verb, Method method) {
        List<String> path = new ArrayList<>();
        List<String> query = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        for (java.lang.reflect.Parameter p : method.getParameters()) {
            if (p.isAnnotationPresent(RestPath.class) || p.isAnnotationPresent(jakarta.ws.rs.PathParam.class)) {
                path.add(p.getName());
            } else if (p.isAnnotationPresent(RestQuery.class) || p.isAnnotationPresent(jakarta.ws.rs.QueryParam.class)) {
                query.add(p.getName());
            } else if (p.isAnnotationPresent(RestHeader.class)) {
                String name = p.getAnnotation(RestHeader.class).value();
                name = name.isEmpty() ? p.getName() : name;
                // OpenAPI ignores header parameters named Accept, Content-Type or Authorization: they are
                // described by the operation's media types and security instead.
                if (!Set.of("accept", "content-type", "authorization").contains(name.toLowerCase())) {
                    headers.add(name);
                }
            }
        }
        if ("POST".equals(verb) && !method.isAnnotationPresent(NeverReplayed.class)) {
            headers.add(Idempotency.HEADER);
        }
        Consumes consumes = method.isAnnotationPresent(Consumes.class) ? method.getAnnotation(Consumes.class)
                : method.getDeclaringClass().getAnnotation(Consumes.class);
        boolean hasBody = Arrays.stream(method.getParameters()).anyMatch(p -> !p.isAnnotationPresent(RestPath.class)
                && !p.isAnnotationPresent(RestQuery.class) && !p.isAnnotationPresent(RestHeader.class)
                && !p.getType().getName().startsWith("io.vertx")
                && !p.getType().getName().startsWith("jakarta.ws.rs.core."));
        if (!hasBody) {
            consumes = null; // a class-level @Consumes does not apply to a method without a body
        }
        List<String> media = consumes == null ? List.of() : Arrays.asList(consumes.value());
        return signature(path, query, headers, media);
    }

    private static String describe(PathItem item, Operation op) {
        List<String> path = new ArrayList<>();
        List<String> query = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        Stream.concat(item.getParameters() == null ? Stream.empty() : item.getParameters().stream(),
                op.getParameters() == null ? Stream.empty() : op.getParameters().stream())
                .map(OpenApiContractTest::deref)
                .forEach(p -> ("path".equals(p.getIn()) ? path : "header".equals(p.getIn()) ? headers : query)
                        .add(p.getName()));
        List<String> media = op.getRequestBody() == null ? List.of() : new ArrayList<>(op.getRequestBody().getContent().keySet());
        return signature(path, query, headers, media);
    }

    private static String signature(List<String> path, List<String> query, List<String> headers, List<String> media) {
        return "path" + new TreeSet<>(path) + " query" + new TreeSet<>(query) + " header" + new TreeSet<>(headers)
                + " body" + new TreeSet<>(media);
    }

    private static String httpMethod(Method method) {
        Map<Class<? extends Annotation>, String> verbs = new LinkedHashMap<>();
        verbs.put(GET.class, "GET");
        verbs.put(POST.class, "POST");
        verbs.put(PUT.class, "PUT");
        verbs.put(PATCH.class, "PATCH");
        verbs.put(DELETE.class, "DELETE");
        return verbs.entrySet().stream().filter(e -> method.isAnnotationPresent(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static String refName(Schema<?> schema) {
        return schema.get$ref() == null ? null : lastSegment(schema.get$ref());
    }

    private static List<Class<?>> applicationClasses() throws IOException {
        Path root = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(root.resolve("com/infusionoutcomes"))) {
            List<Class<?>> classes = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    classes.add(Class.forName(name, false, OpenApiContractTest.class.getClassLoader()));
                } catch (ClassNotFoundException | NoClassDefFoundError e) {
                    // generated helper classes that only exist at build time
                }
            }
            assertTrue(classes.size() > 10, "application classes not found under " + root.toAbsolutePath());
            return classes;
        }
    }
}
