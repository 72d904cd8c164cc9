package com.infusionoutcomes.fhir;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import ca.uhn.fhir.context.FhirContext;

/**
 * One FHIR R4 context for the whole application: it learns the model classes on first use, which takes seconds,
 * and is thread-safe after that. {@code @Singleton} rather than {@code @ApplicationScoped}: a client proxy would be
 * a subclass of FhirContext whose construction runs FhirContext's constructor, and so builds a second context.
 */
class FhirContextProducer {

    @Produces
    @Singleton
    FhirContext r4() {
        return FhirContext.forR4();
    }
}
