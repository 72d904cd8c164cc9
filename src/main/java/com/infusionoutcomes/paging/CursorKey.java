package com.infusionoutcomes.paging;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The key that seals paging cursors, made by the first instance that starts and read by every other one from the
 * database: a cursor one instance issued pages on the next. A copy of the database reveals it, and with it only
 * what the database holds already.
 */
@ApplicationScoped
class CursorKey {

    private final EntityManager em;

    CursorKey(EntityManager em) {
        this.em = em;
    }

    void load(@Observes StartupEvent start) {
        String secret = QuarkusTransaction.requiringNew().call(this::read);
        if (secret == null) {
            try {
                String made = HexFormat.of().formatHex(Cursor.randomBytes(32));
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "insert into cursor_key (id, secret, created_at) values (1, ?1, ?2)")
                        .setParameter(1, made).setParameter(2, Instant.now()).executeUpdate());
            } catch (RuntimeException e) {
                // another instance made it at the same moment: its key is the one read below
                if (QuarkusTransaction.requiringNew().call(this::read) == null) {
                    throw e;
                }
            }
            secret = QuarkusTransaction.requiringNew().call(this::read);
        }
        Cursor.sealWith(HexFormat.of().parseHex(secret));
    }

    private String read() {
        List<?> rows = em.createNativeQuery("select secret from cursor_key where id = 1").getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }
}
