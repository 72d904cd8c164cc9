package com.infusionoutcomes.careteam;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.patient.PatientEnrolled;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.user.AppUser;
import com.infusionoutcomes.user.UserRepository;

/**
 * Who cares for a patient. Separation of duties: only a clinician already on a patient's team adds another
 * clinician to it (the patient lookup hides other patients from them), so an administrator, who creates the
 * accounts and knows their first passwords, cannot give any account, their own included, access to clinical
 * data. Administrators may read a team and remove members, which only ever takes access away; no one removes a
 * team's last clinician, so a patient is never left without anyone who can add the next one.
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
        patients.requireForCare(patientId);
        AppUser user = users.findById(userId);
        if (user == null || user.role != Role.CLINICIAN) {
            throw ProblemException.invalid("/userId", "must be the id of a CLINICIAN account");
        }
        boolean added = careTeams.add(patientId, userId);
        audit.success(AuditAction.CREATE, RESOURCE, userId, patientId);
        return added;
    }

    /** The clinician who enrolls a patient cares for them: without this they could not see the record. */
    void enrolled(@Observes PatientEnrolled event) {
        if (event.enrolledBy().is(Role.CLINICIAN)) {
            careTeams.add(event.patientId(), event.enrolledBy().userId());
        }
    }

    public void remove(UUID patientId, UUID userId) {
        patients.require(patientId);
        // Two removals at once could each see the other clinician and leave the team empty: they take turns.
        patients.lockForWrite(patientId);
        if (!careTeams.isMember(patientId, userId)) {
            throw ProblemException.notFound("Care team member");
        }
        if (careTeams.clinicians(patientId) <= 1) {
            throw ProblemException.conflict("This is the care team's last clinician: a clinician of the team first"
                    + " adds the one who takes over");
        }
        careTeams.remove(patientId, userId);
        audit.success(AuditAction.DELETE, RESOURCE, userId, patientId);
    }

    private CareTeamMemberResponse view(CareTeamMember member) {
        AppUser user = users.findById(member.userId);
        return new CareTeamMemberResponse(member.userId, user.username, user.displayName, user.role, member.addedAt);
    }
}
