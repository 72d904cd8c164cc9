package com.infusionoutcomes.account;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.infusionoutcomes.system.Cursor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<AppUser, UUID> {

    public Optional<AppUser> findByUsername(String username) {
        return find("username", Passwords.normaliseUsername(username)).firstResultOptional();
    }

    public boolean patientHasLogin(UUID patientId) {
        return count("patientId", patientId) > 0;
    }

    public List<AppUser> list(Cursor after, int rows) {
        if (after == null) {
            return find("order by username, id").page(0, rows).list();
        }
        return find("username > ?1 or (username = ?1 and id > ?2) order by username, id", after.key(), after.id())
                .page(0, rows).list();
    }
}
