package com.infusionoutcomes.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;
import com.infusionoutcomes.client.ApiClient;
import com.infusionoutcomes.client.ApiException;
import com.infusionoutcomes.client.api.AlertsApi;
import com.infusionoutcomes.client.api.AuthenticationApi;
import com.infusionoutcomes.client.api.CheckInsApi;
import com.infusionoutcomes.client.api.FhirApi;
import com.infusionoutcomes.client.api.InfusionSessionsApi;
import com.infusionoutcomes.client.api.PatientsApi;
import com.infusionoutcomes.client.api.QuestionnairesApi;
import com.infusionoutcomes.client.api.ReportsApi;
import com.infusionoutcomes.client.api.TrendsApi;
import com.infusionoutcomes.client.model.Alert;
import com.infusionoutcomes.client.model.AlertRule;
import com.infusionoutcomes.client.model.AlertStatus;
import com.infusionoutcomes.client.model.CheckIn;
import com.infusionoutcomes.client.model.CheckInBatchOutcome;
import com.infusionoutcomes.client.model.CheckInBatchRequest;
import com.infusionoutcomes.client.model.CheckInBatchResponse;
import com.infusionoutcomes.client.model.CheckInContext;
import com.infusionoutcomes.client.model.CheckInPage;
import com.infusionoutcomes.client.model.CheckInPatch;
import com.infusionoutcomes.client.model.CheckInRequest;
import com.infusionoutcomes.client.model.CheckInStatus;
import com.infusionoutcomes.client.model.Domain;
import com.infusionoutcomes.client.model.FHIRR4Bundle;
import com.infusionoutcomes.client.model.FHIRR4BundleEntryInnerResource;
import com.infusionoutcomes.client.model.InfusionSession;
import com.infusionoutcomes.client.model.InfusionSessionRequest;
import com.infusionoutcomes.client.model.InstrumentCode;
import com.infusionoutcomes.client.model.PanelPage;
import com.infusionoutcomes.client.model.Patient;
import com.infusionoutcomes.client.model.PatientRequest;
import com.infusionoutcomes.client.model.Problem;
import com.infusionoutcomes.client.model.QuestionnaireResponse;
import com.infusionoutcomes.client.model.QuestionnaireResponseRequest;
import com.infusionoutcomes.client.model.RefreshRequest;
import com.infusionoutcomes.client.model.Scores;
import com.infusionoutcomes.client.model.SessionStatus;
import com.infusionoutcomes.client.model.TokenRequest;
import com.infusionoutcomes.client.model.TokenResponse;
import com.infusionoutcomes.client.model.Trend;
import com.infusionoutcomes.client.model.TrendMeasure;
import com.infusionoutcomes.client.model.TrendOverview;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Java client an integrator generates from openapi/openapi.yaml (openapi-generator, library native; built
 * into target/ by the test build) does a clinician's day against the running service: nothing hand-written
 * between the contract and the wire. Files (CSV, the HTML report) arrive as files; errors as the Problem model.
 */
@QuarkusTest
class GeneratedClientTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldServeAClinicianThroughTheGeneratedJavaClient() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(root.toString().replaceAll("/$", ""));
        String username = TestData.createStaff("CLINICIAN");
        AuthenticationApi auth = new AuthenticationApi(client);
        TokenResponse signedIn = auth.createToken(new TokenRequest().username(username).password(TestData.PASSWORD));
        TokenResponse refreshed = auth.refreshToken(new RefreshRequest().refreshToken(signedIn.getRefreshToken()));
        assertNotNull(refreshed.getAccessToken());
        // The APIs take the interceptor when they are made: sign in first.
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + refreshed.getAccessToken()));
        PatientsApi patients = new PatientsApi(client);
        InfusionSessionsApi sessions = new InfusionSessionsApi(client);
        CheckInsApi checkIns = new CheckInsApi(client);
        QuestionnairesApi questionnaires = new QuestionnairesApi(client);
        AlertsApi alerts = new AlertsApi(client);
        TrendsApi trends = new TrendsApi(client);
        ReportsApi reports = new ReportsApi(client);
        FhirApi fhir = new FhirApi(client);

        Patient patient = patients.createPatient(new PatientRequest().displayName("Greta Clientside")
                .externalId("GEN-" + UUID.randomUUID().toString().substring(0, 8)).birthYear(1971), key());
        UUID p = patient.getId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime infusion = now.minusDays(3);
        InfusionSession session = sessions.createSession(p, new InfusionSessionRequest().status(SessionStatus.COMPLETED)
                .startedAt(infusion).endedAt(infusion.plusMinutes(50)).weightKg(new BigDecimal("70"))
                .doseMgPerKg(new BigDecimal("0.5")), key());
        assertEquals(SessionStatus.COMPLETED, session.getStatus());

        // Check-ins: a week of evenings, and the infusion's before and after.
        List<UUID> recorded = new ArrayList<>();
        for (int day = 8; day >= 1; day--) {
            recorded.add(checkIns.createCheckIn(p, daily(now.minusDays(day), day > 3 ? 7 : 4), key()).getId());
        }
        recorded.add(checkIns.createCheckIn(p, new CheckInRequest().context(CheckInContext.PRE_INFUSION)
                .sessionId(session.getId()).recordedAt(infusion.minusMinutes(10)).scores(new Scores().pain(7)), key())
                .getId());
        CheckIn after = checkIns.createCheckIn(p, new CheckInRequest().context(CheckInContext.POST_INFUSION)
                .sessionId(session.getId()).recordedAt(infusion.plusHours(1)).scores(new Scores().pain(3)), key());
        recorded.add(after.getId());

        List<UUID> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            CheckInPage page = checkIns.listCheckIns(p, null, null, null, cursor, 3);
            page.getItems().forEach(c -> listed.add(c.getId()));
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(4, pages, "10 check-ins in pages of 3");
        assertEquals(recorded.size(), listed.size());
        assertTrue(listed.containsAll(recorded));

        CheckIn corrected = checkIns.correctCheckIn("\"" + after.getVersion() + "\"", p, after.getId(),
                new CheckInPatch().scores(new Scores().pain(2)).note("Tapped the wrong number"));
        assertEquals(2, corrected.getVersion());
        assertEquals(CheckInStatus.AMENDED, corrected.getStatus());
        assertEquals(2, corrected.getScores().getPain());

        CheckInBatchResponse batch = checkIns.recordCheckInBatch(p, new CheckInBatchRequest().checkIns(List.of(
                daily(now.minusHours(30), 4).id(UUID.randomUUID()),
                daily(now.minusHours(6), 3).id(UUID.randomUUID()),
                new CheckInRequest().id(UUID.randomUUID()).context(CheckInContext.PRE_INFUSION)
                        .recordedAt(now.minusHours(2)).scores(new Scores().pain(6)))), key());
        assertEquals(2, batch.getCreated());
        assertEquals(1, batch.getInvalid());
        assertEquals(CheckInBatchOutcome.INVALID, batch.getResults().get(2).getStatus());
        assertEquals("/checkIns/2/sessionId", batch.getResults().get(2).getProblem().getErrors().get(0).getPointer());

        // A PHQ-9 whose last item is not 0 raises the self-harm alert for the care team.
        QuestionnaireResponse phq9 = questionnaires.createQuestionnaireResponse(p, new QuestionnaireResponseRequest()
                .instrument(InstrumentCode.PHQ9).answers(List.of(1, 1, 0, 1, 0, 0, 1, 0, 1))
                .recordedAt(now.minusHours(1)), key());
        assertEquals(0, new BigDecimal("5").compareTo(phq9.getScore()));
        Alert alert = alerts.listAlerts(List.of(AlertStatus.OPEN), null, AlertRule.SELF_HARM_RISK, null, null).getItems()
                .stream().filter(a -> a.getPatientId().equals(p)).findFirst().orElseThrow();
        assertEquals(AlertStatus.ACKNOWLEDGED, alerts.acknowledgeAlert(alert.getId(), key()).getStatus());
        // The repeated status of the contract: the patient's whole history in one call.
        assertEquals(List.of(alert.getId()), alerts.listPatientAlerts(p,
                List.of(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED, AlertStatus.RESOLVED), null, AlertRule.SELF_HARM_RISK,
                null, null).getItems().stream().map(Alert::getId).toList());

        TrendOverview overview = trends.listTrends(p, null, null, null, null);
        assertEquals(4, overview.getDomains().size());
        for (TrendMeasure measure : TrendMeasure.values()) {
            Trend trend = trends.getTrend(p, measure, null, null, null);
            assertEquals(measure, trend.getDomain());
        }
        PanelPage panel = reports.getPanel(Domain.PAIN, null, null, null);
        assertEquals(List.of(p), panel.getItems().stream().map(r -> r.getPatientId()).toList());

        String csv = download(checkIns.exportCheckIns(p, null, null, null), "check-ins-" + p + "-");
        assertTrue(csv.startsWith("id,patientId,sessionId,context,recordedAt,"), csv);
        assertEquals(recorded.size() + 2 + 1, csv.split("\r\n").length, "a header and one row per check-in");
        String panelCsv = download(reports.exportPanel(Domain.PAIN, null), "panel-pain-");
        assertTrue(panelCsv.startsWith("domain,patientId,displayName,") && panelCsv.contains(p.toString()), panelCsv);
        String report = download(reports.getPatientReport(p), "");
        assertTrue(report.startsWith("<!DOCTYPE html>") && report.contains("Greta Clientside"), report);

        FHIRR4Bundle bundle = fhir.exportPatientFhir(p);
        assertEquals(FHIRR4Bundle.TypeEnum.COLLECTION, bundle.getType());
        FHIRR4BundleEntryInnerResource first = bundle.getEntry().get(0).getResource();
        assertEquals(FHIRR4BundleEntryInnerResource.ResourceTypeEnum.PATIENT, first.getResourceType());
        assertEquals(p.toString(), first.getId());

        // Errors arrive as the contract's Problem, for a JSON operation and for a file download alike.
        Problem invalid = problem(client, assertThrows(ApiException.class, () -> checkIns.createCheckIn(p,
                daily(now, 11), null)));
        assertEquals("urn:infusion-outcomes:problem:validation-failed", invalid.getType().toString());
        assertEquals(422, invalid.getStatus());
        assertEquals("/scores/pain", invalid.getErrors().get(0).getPointer());
        Problem missing = problem(client, assertThrows(ApiException.class,
                () -> checkIns.exportCheckIns(UUID.randomUUID(), null, null, null)));
        assertEquals(404, missing.getStatus());
    }

    private static CheckInRequest daily(OffsetDateTime at, int pain) {
        return new CheckInRequest().context(CheckInContext.DAILY).recordedAt(at)
                .scores(new Scores().pain(pain).sleep(5).mobility(6).mood(6));
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    /** The downloaded file's text, having checked the name the service gave it; the file is removed. */
    private static String download(File file, String namePrefix) throws IOException {
        try {
            assertTrue(file.getName().startsWith(namePrefix), file.getName());
            return Files.readString(file.toPath(), StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(file.toPath());
        }
    }

    private static Problem problem(ApiClient client, ApiException e) throws IOException {
        assertEquals("application/problem+json", e.getResponseHeaders().firstValue("Content-Type").orElse("")
                .split(";")[0]);
        return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
    }
}
