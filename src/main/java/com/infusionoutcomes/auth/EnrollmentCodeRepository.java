package com.infusionoutcomes.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class EnrollmentCodeRepository implements PanacheRepositoryBase<EnrollmentCode, String> {
}
