package com.infusionoutcomes.json;

import java.util.List;

import com.infusionoutcomes.problem.Problem;
import com.infusionoutcomes.problem.Problem.FieldError;

/**
 * A request body with rules of its own that need nothing but its fields (a time not in the future, an end after
 * its start). {@link RequestBodies} checks them together with the type and range checks, so a client hears of
 * every mistake at once. A field that failed those checks is null here, so each rule must allow any field to be
 * null. Rules that need stored data (is this session the patient's?) stay with the service.
 */
public interface SelfChecking {

    /** Each broken rule at the JSON pointer of the field it concerns, relative to this body. */
    List<FieldError> ruleViolations();
}
