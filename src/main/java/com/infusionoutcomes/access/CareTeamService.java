package com.infusionoutcomes.access;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.account.AppUser;
import com.infusionoutcomes.account.UserRepository;
import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.system.ProblemException;

/**
 * Who cares for a patient. Administrators manage every team; a clinician manages only teams they are on (the
 * patient lookup already hides other patients from them).
 */
@ApplicationScoped
@Transactional
public class CareTeamService {

    private static final String RESOURCE = "CareTeam";

    private final CareTeamRepository careTeams;
    private final UserRepository users;
    private final PatientService patients;
    private final AuditLog audit;

    CareTeamService(CareTeamRepository careTeams, UserRepository users, PatientService patients, AuditLog audit) {
        this.careTeams = careTeams;
        this.users = users;
        this.patients = patients;
        this.audit = audit;
    }

    public List<CareTeamMemberResponse> members(UUID patientId) {
        patients.require(patientId);
        audit.success(AuditAction.LIST, RESOURCE, null, patientId);
        return careTeams.members(patientId).stream().map(this::view).toList();
    }

    /** True when added, false when the user already was on the team. */
    public boolean add(UUID patientId, UUID userId) {
        patients.require(patientId);
        AppUser user = users.findById(userId);
        if (user == null || user.role != Role.CLINICIAN) {
            throw ProblemException.invalid("/userId", "must be the id of a CLINICIAN account");
        }
        boolean added = careTeams.add(patientId, userId);
        audit.success(AuditAction.CREATE, RESOURCE, userId, patientId);
        return added;
    }

    public void remove(UUID patientId, UUID userId) {
        patients.require(patientId);
        if (!careTeams.remove(patientId, userId)) {
            throw ProblemException.notFound("Care team member");
        }
        audit.success(AuditAction.DELETE, RESOURCE, userId, patientId);
    }

    private CareTeamMemberResponse view(CareTeamMember member) {
        AppUser user = users.findById(member.userId);
        return new CareTeamMemberResponse(member.userId, user.username, user.displayName, user.role, member.addedAt);
    }
}
