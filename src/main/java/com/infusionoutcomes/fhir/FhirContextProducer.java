package com.infusionoutcomes.fhir;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import ca.uhn.fhir.context.FhirContext;

/**
 * One FHIR R4 context for the whole application: building it scans the model classes and takes seconds, while
 * it is thread-safe once built. A singleton rather than a client proxy, as FhirContext is not a proxyable type.
 */
class FhirContextProducer {

    @Produces
    @Singleton
    FhirContext r4() {
        return FhirContext.forR4();
    }
}
