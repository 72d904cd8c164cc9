package com.infusionoutcomes.fhir;

import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

/**
 * HAPI's instance validator against the base R4 specification, offline: the core definitions and value sets
 * ship in hapi-fhir-validation-resources-r4, and the service's own code systems are added so their codes are
 * checked too. Built once, as loading the definitions takes seconds.
 */
final class FhirValidation {

    static final FhirContext CONTEXT = FhirContext.forR4();
    private static final FhirValidator VALIDATOR = build();

    private FhirValidation() {
    }

    private static FhirValidator build() {
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(CONTEXT);
        ours.addCodeSystem(FhirCodes.domainCodeSystem());
        ours.addCodeSystem(FhirCodes.checkInContextCodeSystem());
        ours.addCodeSystem(FhirCodes.alertRuleCodeSystem());
        ours.addCodeSystem(FhirCodes.alertActionCodeSystem());
        ours.addCodeSystem(FhirCodes.boosterCodeSystem());
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(CONTEXT),
                ours,
                new CommonCodeSystemsTerminologyService(CONTEXT),
                new InMemoryTerminologyServerValidationSupport(CONTEXT),
                new SnapshotGeneratingValidationSupport(CONTEXT));
        FhirValidator validator = CONTEXT.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
        return validator;
    }

    /** Every message of the resource's validation, of any severity. */
    static List<SingleValidationMessage> messages(IBaseResource resource) {
        synchronized (VALIDATOR) {
            return VALIDATOR.validateWithResult(resource).getMessages();
        }
    }

    /** The ERROR and FATAL messages, rendered for an assertion. */
    static List<String> errors(IBaseResource resource) {
        return messages(resource).stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage())
                .toList();
    }
}
