package com.infusionoutcomes.careteam;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

import com.infusionoutcomes.caller.Role;

@ApplicationScoped
public class CareTeamRepository implements PanacheRepositoryBase<CareTeamMember, CareTeamMember.Key> {

    public boolean isMember(UUID patientId, UUID userId) {
        return count("patientId = ?1 and userId = ?2", patientId, userId) > 0;
    }

    /** Adds the member unless already there; true when added. */
    public boolean add(UUID patientId, UUID userId) {
        if (isMember(patientId, userId)) {
            return false;
        }
        CareTeamMember member = new CareTeamMember();
        member.patientId = patientId;
        member.userId = userId;
        member.addedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        persist(member);
        return true;
    }

    public boolean remove(UUID patientId, UUID userId) {
        return delete("patientId = ?1 and userId = ?2", patientId, userId) > 0;
    }

    /** How many CLINICIAN accounts are on the team. */
    public long clinicians(UUID patientId) {
        return getEntityManager().createQuery("select count(m) from CareTeamMember m, AppUser u"
                + " where m.patientId = :patient and u.id = m.userId and u.role = :role", Long.class)
                .setParameter("patient", patientId).setParameter("role", Role.CLINICIAN).getSingleResult();
    }

    public List<CareTeamMember> members(UUID patientId) {
        return list("patientId = ?1 order by addedAt, userId", patientId);
    }
}
