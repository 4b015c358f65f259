package no.xsoffice.mail.send;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Outbox rows read and changed directly, to reach states that would otherwise take days. */
final class Rows {

    private Rows() {
    }

    static int update(EntityManager em, String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() -> bind(em, sql, parameters).executeUpdate());
    }

    static Object single(EntityManager em, String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() -> bind(em, sql, parameters).getSingleResult());
    }

    private static Query bind(EntityManager em, String sql, Object... parameters) {
        Query query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }
}
