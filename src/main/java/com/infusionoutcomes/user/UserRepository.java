package com.infusionoutcomes.user;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.infusionoutcomes.paging.Cursor;

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

    /** The display names of these users, by id: one query, for a page naming who did what. */
    public Map<UUID, String> displayNames(Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            list("id in ?1", ids).forEach(u -> names.put(u.id, u.displayName));
        }
        return names;
    }
}
